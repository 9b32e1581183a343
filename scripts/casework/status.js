// The applicant status page of `npm start` (/status/): a language switch for <cf-case-status>. The token stays
// in the address's fragment (#token=…), where the element reads it.
const status = document.querySelector('cf-case-status');
for (const button of document.querySelectorAll('.languages button')) {
  button.addEventListener('click', () => {
    const lang = button.dataset.lang;
    document.documentElement.lang = lang;
    status.setAttribute('locale', lang);
    for (const b of document.querySelectorAll('.languages button')) b.setAttribute('aria-pressed', String(b === button));
  });
}
