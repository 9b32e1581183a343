// The review is drawn by the sending code (cf-form.sending.js in the embed build), which the widget fetches at the
// person's first focus or keystroke. A person may click through without either (a click that moves no focus, with
// the answers given by the host): the form then waits for that code before it shows the review, so the review never
// shows empty. Its own page, so the sending code has not been fetched by another test.
import { expect } from '@esm-bundle/chai';
import '../define.js';
import { validCaseByForm } from '@civicflow/test-support/browser';
import { loadModule, mountForm, primary, waitFor } from '../test-support/fixtures.js';
import type { CfPageEvent } from '../events/page.js';

const sendingFetched = () => performance.getEntriesByType('resource').some((e) => /\/form\/form-sending\.[jt]s$/.test(new URL(e.name).pathname));

describe('the review, before the sending code is there', function () {
  this.timeout(30_000);

  it('comes with its answers the moment the form moves to it', async () => {
    const example = (await validCaseByForm('zweite-chance')).get('intake')!;
    const form = await mountForm(await loadModule('zweite-chance'), { form: 'intake', locale: 'de' });
    form.value = structuredClone(example.data);
    const rowsWhenShown: number[] = [];
    const pages: string[] = [];
    form.addEventListener('cf-page', (e) => {
      pages.push((e as CfPageEvent).detail.page);
      if ((e as CfPageEvent).detail.page === 'review') rowsWhenShown.push(form.shadowRoot!.querySelectorAll('cf-review [part~="review-row"]').length);
    });
    expect(sendingFetched(), 'nothing fetched before the first click').to.equal(false);
    // Press "continue" as a person does, once the page it led to is there.
    for (let step = 0; step < 30 && rowsWhenShown.length === 0; step++) {
      const shown = pages.length;
      await primary(form);
      await waitFor(() => pages.length > shown, 'the next page');
    }
    expect(sendingFetched()).to.equal(true);
    expect(rowsWhenShown).to.have.length(1);
    expect(rowsWhenShown[0]).to.be.greaterThan(5);
    form.remove();
  });

  it('moves one page for presses made while the sending code is on its way', async () => {
    const example = (await validCaseByForm('zweite-chance')).get('intake')!;
    const form = await mountForm(await loadModule('zweite-chance'), { form: 'intake', locale: 'de' });
    form.value = structuredClone(example.data);
    const pages: string[] = [];
    form.addEventListener('cf-page', (e) => pages.push((e as CfPageEvent).detail.page));
    // The code is there from the test above: a fresh form's first press waits one turn for it all the same.
    const button = form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
    button.click();
    button.click();
    button.click();
    await waitFor(() => pages.length > 0, 'the next page');
    await new Promise((r) => setTimeout(r, 100));
    expect(pages).to.have.length(1);
    form.remove();
  });
});
