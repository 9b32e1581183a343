// Runs inside a page served with `Content-Security-Policy: script-src 'self'` and reports to its parent.
import '../../define.js';

function evalIsBlocked(): boolean {
  try {
    new Function('return 1')();
    return false;
  } catch {
    return true;
  }
}

async function until<T>(probe: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main() {
  const form = document.querySelector('cf-form')!;
  const query = new URLSearchParams(location.search);
  // A locale beyond German and English loads the widget's words for it from a module of their own.
  if (query.get('locale')) form.setAttribute('locale', query.get('locale')!);
  form.setAttribute('src', query.get('src') ?? '/.cache/browser/zweite-chance.validators.js');
  const root = await until(() => form.shadowRoot?.querySelector('form') && form.shadowRoot, 'the form');
  const title = root.querySelector('#cf-title')!.textContent;
  root.querySelector<HTMLButtonElement>('button.primary')!.click();
  const links = await until(() => {
    const found = [...root.querySelectorAll('.error-summary a')];
    return found.length ? found : null;
  }, 'the error summary');
  const button = getComputedStyle(root.querySelector('button.primary')!);
  parent.postMessage(
    {
      type: 'cf-csp-form',
      evalBlocked: evalIsBlocked(),
      title,
      summary: links.map((a) => a.textContent?.trim()),
      buttonBackground: button.backgroundColor,
      dir: root.querySelector('[part="base"]')!.getAttribute('dir'),
    },
    location.origin,
  );
}

main().catch((e: unknown) => parent.postMessage({ type: 'cf-csp-form', error: String(e) }, location.origin));
