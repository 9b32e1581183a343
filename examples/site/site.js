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
form.addEventListener('cf-submitted', (e) => {
  console.info('civicflow: submitted, reference', e.detail.reference);
});
