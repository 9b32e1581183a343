// Validates what a designer types against the program's precompiled validators (no eval: the page's CSP forbids it).
import { fromValidatorsModule, validateWith } from '/core/runtime.js';

for (const form of document.querySelectorAll('form.try')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const output = form.querySelector('output');
    const mod = await import(`/programs/${form.dataset.program}/validators.js`);
    let data;
    try {
      data = JSON.parse(form.querySelector('textarea').value);
    } catch (e) {
      output.textContent = `Not JSON: ${e.message}`;
      return;
    }
    const result = validateWith(fromValidatorsModule(mod), form.dataset.form, data, { locale: form.querySelector('select').value });
    output.textContent = result.valid
      ? 'Valid. Data as it would be stored: ' + JSON.stringify(result.data)
      : result.errors.map((e) => `${e.pointer || '/'}: ${e.message} [${e.code}]`).join('\n');
  });
}
