// The caseworker area of `npm start` (/caseworker/): offers the demo accounts of examples/demo-tokens.json to
// <cf-case-inbox>, and a language switch. DEMO ONLY: a real deployment signs caseworkers in with its own login.
const inbox = document.querySelector('cf-case-inbox');
const accounts = await (await fetch('/caseworker/demo-accounts.json')).json();
inbox.accounts = accounts;
for (const button of document.querySelectorAll('.languages button')) {
  button.addEventListener('click', () => {
    const lang = button.dataset.lang;
    document.documentElement.lang = lang;
    inbox.setAttribute('locale', lang);
    for (const b of document.querySelectorAll('.languages button')) b.setAttribute('aria-pressed', String(b === button));
  });
}
