// The language switch of the casework pages of `npm start`: its buttons set the page's language and the element's
// `locale`, and mark which one is pressed.
export function switchLanguages(element) {
  const buttons = document.querySelectorAll('.languages button');
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const lang = button.dataset.lang;
      document.documentElement.lang = lang;
      element.setAttribute('locale', lang);
      for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
    });
  }
}
