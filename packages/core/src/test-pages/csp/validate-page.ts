// Runs inside a page served with `Content-Security-Policy: script-src 'self'` and reports to its parent.
import { fromValidatorsModule, validateWith, type ValidatorsModule } from '@civicflow/core/runtime';

function evalIsBlocked(): boolean {
  try {
    new Function('return 1')();
    return false;
  } catch {
    return true;
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  const mod = (await import(params.get('module')!)) as ValidatorsModule;
  const compiled = fromValidatorsModule(mod);
  const form = params.get('form')!;
  const inputs = JSON.parse(params.get('inputs')!) as unknown[];
  const results = inputs.map((data) => validateWith(compiled, form, data, { locale: params.get('locale') ?? 'de' }));
  parent.postMessage({ type: 'cf-csp-result', evalBlocked: evalIsBlocked(), results }, location.origin);
}

main().catch((e: unknown) => parent.postMessage({ type: 'cf-csp-result', error: String(e) }, location.origin));
