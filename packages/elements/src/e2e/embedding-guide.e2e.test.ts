// docs/embedding.md's HTML examples work exactly as written: web-test-runner serves each `html` block of the guide
// as a page under the guide's own Content-Security-Policy (/docs-examples/embedding/<n>.html, see
// web-test-runner.config.mjs), with the built widget where the examples load it from, against the real server.
import { expect } from '@esm-bundle/chai';
import type { CfForm } from '../form/form.js';
import { exampleData } from '../test-support/api.js';
import { waitFor } from './person.js';

/** The `html` blocks of the guide, as the pages serve them. */
async function guideExamples(): Promise<string[]> {
  const guide = await (await fetch('/docs/embedding.md')).text();
  return [...guide.matchAll(/^```html\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/** Opens the n-th example in a frame and waits until its widget shows the first page of its form. */
async function openExample(n: number): Promise<{ frame: HTMLIFrameElement; form: CfForm }> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '900px';
  frame.src = `/docs-examples/embedding/${n}.html`;
  document.body.append(frame);
  const form = await waitFor(() => frame.contentDocument?.querySelector('cf-form')?.shadowRoot?.querySelector('form, .resume') && frame.contentDocument!.querySelector('cf-form')!, `example ${n}'s form`, 30_000);
  return { frame, form: form as CfForm };
}

const shadow = (form: CfForm) => form.shadowRoot!;

/** Fills the form with valid data, goes through its pages to the review and presses "send". */
async function sendValid(form: CfForm, data: Record<string, unknown>): Promise<void> {
  shadow(form).querySelector<HTMLButtonElement>('.resume button.secondary')?.click();
  await waitFor(() => shadow(form).querySelector('form'), 'the form');
  form.value = data;
  for (let i = 0; i < 30 && !shadow(form).querySelector('cf-review'); i++) {
    shadow(form).querySelector<HTMLButtonElement>('button.primary')!.click();
    await new Promise((r) => setTimeout(r, 50));
  }
  await waitFor(() => shadow(form).querySelector('cf-review'), 'the review');
  shadow(form).querySelector<HTMLButtonElement>('button.primary')!.click();
}

describe('docs/embedding.md: the examples work as written', function () {
  this.timeout(120_000);
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
  // The first request under /v1 starts the server (and a busy machine may take a while): the examples should not wait for that.
  before(async () => {
    expect((await fetch('/v1/programs')).status).to.equal(200);
  });

  it('has the examples this test runs: the widget with an action, and the widget inside a host form', async () => {
    const examples = await guideExamples();
    expect(examples).to.have.length(2);
    expect(examples[0]).to.contain('action="/v1/programs/zweite-chance/versions/1.0.0/submissions"');
    expect(examples[1]).to.contain('<form method="post" action="/apply">');
  });

  it('the first example signs a person up for Zweite Chance and shows the reference, under the guide’s CSP', async () => {
    const { frame, form } = await openExample(0);
    expect(frame.contentDocument!.querySelector('script')!.getAttribute('src')).to.equal('/civicflow/cf-form.embed.js');
    expect(shadow(form).querySelector('#cf-title')!.textContent).to.equal('Anmeldung bei Zweite Chance');
    // The preload lines name exactly what the widget asks for: each file was fetched once, the early request used.
    const fetched = (frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => new URL(e.name).pathname + new URL(e.name).search);
    const base = '/v1/programs/zweite-chance/versions/1.0.0/browser';
    expect(fetched.filter((u) => u === `${base}/validators.js?forms=intake`)).to.have.length(1);
    expect(fetched.filter((u) => u === `${base}/definition.de.json?forms=intake`)).to.have.length(1);
    expect(fetched.filter((u) => u.startsWith(`${base}/`)), 'nothing preloaded in vain').to.have.length(2);
    const submitted = new Promise<{ reference: string; response: { token: string } }>((resolve) => form.addEventListener('cf-submitted', (e) => resolve((e as CustomEvent).detail)));
    await sendValid(form, await exampleData('zweite-chance', 'valid-minimal.json'));
    const { reference, response } = await submitted;
    const shown = await waitFor(() => shadow(form).querySelector('.confirmation .reference'), 'the confirmation', 15_000);
    expect(shown.textContent!.trim()).to.equal(reference);
    const status = await fetch('/v1/status', { headers: { Authorization: `Bearer ${response.token}` } });
    expect(status.status).to.equal(200);
    expect(((await status.json()) as { reference: string }).reference).to.equal(reference);
  });

  it('the second example submits the host form with the answers as JSON under the widget’s name', async () => {
    const { frame, form } = await openExample(1);
    const host = frame.contentDocument!.querySelector('form')!;
    const posted = new Promise<string>((resolve) =>
      host.addEventListener('submit', (e) => {
        e.preventDefault();
        resolve(String(new (frame.contentWindow as typeof window).FormData(host).get('application')));
      }),
    );
    const data = await exampleData('zweite-chance', 'valid-minimal.json');
    await sendValid(form, data);
    expect(JSON.parse(await posted)).to.deep.equal(data);
  });
});
