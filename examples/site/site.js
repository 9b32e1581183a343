// The host page's own script: a language switch that sets the widget's locale, and a note of the reference.
const form = document.querySelector('cf-form');
for (const button of document.querySelectorAll('.languages button')) {
  button.addEventListener('click', () => {
    const lang = button.dataset.lang;
    document.documentElement.lang = lang;
    form.setAttribute('locale', lang);
    for (const b of document.querySelectorAll('.languages button')) b.setAttribute('aria-pressed', String(b === button));
  });
}
const statusLink = document.getElementById('status-link');
const statusText = { de: 'Wo steht meine Anmeldung? Zur Statusseite (Link bitte aufbewahren)', en: 'Where does my sign-up stand? Go to the status page (please keep the link)' };
function showStatusLink() {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'de';
  const link = statusLink.querySelector('a');
  link.textContent = statusText[lang];
  link.href = `/status/?lang=${lang}${link.hash}`;
}
form.addEventListener('cf-submitted', (e) => {
  console.info('civicflow: submitted, reference', e.detail.reference);
  // The token stays in the fragment: browsers send it neither to the server nor in a Referer.
  const token = e.detail.response?.token;
  if (typeof token !== 'string') return;
  statusLink.querySelector('a').hash = `token=${encodeURIComponent(token)}`;
  statusLink.hidden = false;
  showStatusLink();
});
for (const button of document.querySelectorAll('.languages button')) button.addEventListener('click', () => statusLink.hidden || showStatusLink());
