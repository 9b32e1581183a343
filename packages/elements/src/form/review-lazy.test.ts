// The review is drawn by the sending code (cf-form.sending.js in the embed build), which the widget fetches at the
// person's first focus or keystroke. A person may click through without either (a click that moves no focus, with
// the answers given by the host): the form then waits for that code before it shows the review, so the review never
// shows empty. Its own page, so the sending code has not been fetched by another test.
import { expect } from '@esm-bundle/chai';
import '../define.js';
import { validCaseByForm } from '@civicflow/test-support/browser';
import { loadModule, mountForm, waitFor } from '../test-support/fixtures.js';
import type { CfPageEvent } from '../events/page.js';

const sendingFetched = () => performance.getEntriesByType('resource').some((e) => /\/form\/form-sending\.[jt]s$/.test(new URL(e.name).pathname));

describe('the review, before the sending code is there', function () {
  this.timeout(30_000);

  it('comes with its answers the first time it is drawn', async () => {
    const example = (await validCaseByForm('zweite-chance')).get('intake')!;
    const form = await mountForm(await loadModule('zweite-chance'), { form: 'intake', locale: 'de' });
    form.value = structuredClone(example.data);
    const root = form.shadowRoot!;
    // At every frame the browser paints while the review is shown, how many answers it shows.
    const rowsWhenDrawn: number[] = [];
    let watching = true;
    const watch = () => {
      if (!watching) return;
      if (root.querySelector('#cf-page-title')?.textContent?.trim() === 'Bitte prüfen Sie Ihre Angaben vor dem Absenden')
        rowsWhenDrawn.push(root.querySelectorAll('cf-review [part~="review-row"]').length);
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    const pages: string[] = [];
    form.addEventListener('cf-page', (e) => pages.push((e as CfPageEvent).detail.page));
    expect(sendingFetched(), 'nothing fetched before the first press').to.equal(false);
    // Press "continue" as a person does with a click that moves no focus, once the page it led to is there.
    for (let step = 0; step < 30 && !pages.includes('review'); step++) {
      const before = pages.length;
      root.querySelector<HTMLButtonElement>('button.primary')!.click();
      await waitFor(() => pages.length > before, 'the next page');
    }
    await new Promise((r) => requestAnimationFrame(r));
    watching = false;
    expect(sendingFetched()).to.equal(true);
    expect(rowsWhenDrawn.length, 'the review was drawn').to.be.greaterThan(0);
    expect(Math.min(...rowsWhenDrawn), 'never without its answers').to.be.greaterThan(5);
    form.remove();
  });
});
