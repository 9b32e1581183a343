import { expect } from '@esm-bundle/chai';
import { fromValidatorsModule, validateWith, visibilityWith, type ValidatorsModule } from '@civicflow/core/runtime';
import { loadCases } from '@civicflow/test-support/browser';

const fixture = (name: string) => `/.cache/browser/${name}.validators.js`;

interface CspResult {
  evalBlocked?: boolean;
  error?: string;
  results?: { valid: boolean; errors: { pointer: string; code: string; message: string }[] }[];
}

function runUnderCsp(query: Record<string, string>): Promise<CspResult> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => reject(new Error('the CSP page did not answer')), 20_000);
    window.addEventListener('message', function onMessage(e: MessageEvent) {
      if (e.data?.type !== 'cf-csp-result') return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      frame.remove();
      resolve(e.data as CspResult);
    });
    frame.src = `/packages/core/src/test-pages/csp/validate.html?${new URLSearchParams(query)}`;
    document.body.append(frame);
  });
}

describe('core runtime in Chromium', () => {
  it('validates with precompiled validators and German messages', async () => {
    const compiled = fromValidatorsModule((await import(fixture('mini'))) as ValidatorsModule);
    const r = validateWith(compiled, 'intake', { name: 'A', housing: 'none', household: [{}] }, { locale: 'de' });
    expect(r.valid).to.equal(false);
    expect(r.errors.map((e) => `${e.pointer} ${e.code}`).sort()).to.deep.equal(['/contactPoint required', '/household/0/name required', '/name minLength']);
    expect(r.errors.find((e) => e.code === 'minLength')!.message).to.equal('Bitte geben Sie mindestens 2 Zeichen ein.');
    expect(visibilityWith(compiled, 'intake', { housing: 'flat' }).hidden).to.deep.equal(['/contactPoint']);
  });

  it('validates under Content-Security-Policy: script-src \'self\', where eval is refused', async () => {
    const inputs = [{ name: 'Ada', housing: 'flat' }, { name: 'A', email: 'nope', housing: 'none' }];
    const result = await runUnderCsp({ module: fixture('mini'), form: 'intake', locale: 'en', inputs: JSON.stringify(inputs) });
    expect(result.error).to.equal(undefined);
    expect(result.evalBlocked, 'the page must really be under a CSP that blocks eval').to.equal(true);
    expect(result.results![0]!.valid).to.equal(true);
    expect(result.results![1]!.errors.map((e) => `${e.pointer} ${e.code}`).sort()).to.deep.equal(['/contactPoint required', '/email format', '/name minLength']);
  });

  it('validates every example program’s cases in the browser as on the server', async () => {
    const names = ['zweite-chance'];
    for (const name of names) {
      const cases = await loadCases(name);
      if (cases.length === 0) continue;
      const compiled = fromValidatorsModule((await import(fixture(name))) as ValidatorsModule);
      for (const c of cases) {
        const r = validateWith(compiled, c.form, c.data, { locale: c.locale });
        expect(r.valid, c.file).to.equal(c.expect.valid);
        if (c.expect.errors) {
          expect(r.errors.map((e) => `${e.pointer} ${e.code}`).sort(), c.file).to.deep.equal(c.expect.errors.map((e) => `${e.pointer} ${e.code}`).sort());
        }
      }
    }
  });
});
