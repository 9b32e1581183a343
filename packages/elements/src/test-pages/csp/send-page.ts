// Runs inside a page served with `default-src 'self'` (so `connect-src 'self'`), sends a valid Zweite Chance intake
// to the same server under another origin (localhost and 127.0.0.1 swapped), which the policy does not allow, and
// reports to its parent what the person saw, what the console said, and every cf-error.
import '../../define.js';
import type { CfErrorEvent } from '../../events/error.js';

const consoleErrors: string[] = [];
const original = console.error.bind(console);
console.error = (...args: unknown[]) => {
  consoleErrors.push(args.map(String).join(' '));
  original(...args);
};

async function until<T>(probe: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main() {
  const form = document.querySelector('cf-form')!;
  const other = new URL(location.href);
  other.hostname = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  form.action = new URL('/v1/programs/zweite-chance/versions/1.0.0/submissions', other).href;
  form.retryDelays = [200, 200, 200, 200, 200];
  const errors: unknown[] = [];
  form.addEventListener('cf-error', (e: CfErrorEvent) => errors.push({ kind: e.detail.kind, willRetry: e.detail.willRetry, blocked: e.detail.blocked }));
  form.setAttribute('src', '/.cache/browser/zweite-chance.validators.js');
  const root = await until(() => form.shadowRoot?.querySelector('form') && form.shadowRoot, 'the form');
  form.value = ((await (await fetch('/examples/zweite-chance/cases/valid-minimal.json')).json()) as { data: Record<string, unknown> }).data;
  // Continue page by page to the review, then send.
  for (let i = 0; i < 20 && !root.querySelector('cf-review'); i++) {
    root.querySelector<HTMLButtonElement>('button.primary')!.click();
    await form.updateComplete;
    await new Promise((r) => setTimeout(r, 20));
  }
  await until(() => root.querySelector('cf-review'), 'the review');
  const sentAt = performance.now();
  root.querySelector<HTMLButtonElement>('button.primary')!.click();
  const notice = await until(() => root.querySelector<HTMLElement>('#cf-refusal'), 'the notice');
  const ms = performance.now() - sentAt;
  await new Promise((r) => setTimeout(r, 600));
  parent.postMessage(
    {
      type: 'cf-csp-send',
      notice: notice.textContent!.replace(/\s+/g, ' ').trim(),
      role: notice.getAttribute('role'),
      focused: root.activeElement === notice,
      ms,
      errors,
      consoleErrors,
      kept: JSON.stringify(form.value),
    },
    location.origin,
  );
}

main().catch((e: unknown) => parent.postMessage({ type: 'cf-csp-send', error: String(e) }, location.origin));
