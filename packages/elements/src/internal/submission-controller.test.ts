import { expect } from '@esm-bundle/chai';
import { blockedCause } from './submission-controller.js';

// How a send that the browser stopped is told apart. A real HTTPS page cannot be served in these tests, so the
// page's address is given; the CSP and CORS cases also run for real in e2e/refusals.e2e.test.ts.
describe('blockedCause', () => {
  const https = { protocol: 'https:', origin: 'https://www.offenbach.de' };
  const url = (href: string) => new URL(href);

  it('names mixed content: an http: action from an https: page', () => {
    expect(blockedCause(url('http://civicflow.offenbach.de/v1/programs/x/versions/1/submissions'), [], https, true)).to.equal('mixed');
  });

  it('does not name mixed content for loopback, which browsers let an https: page reach', () => {
    expect(blockedCause(url('http://127.0.0.1:8080/v1/submissions'), [], https, true)).to.equal('cors');
    expect(blockedCause(url('http://localhost:8080/v1/submissions'), [], https, true)).to.equal('cors');
  });

  it('names CORS for another origin while the browser is online, and nothing while it is offline', () => {
    expect(blockedCause(url('https://api.offenbach.de/v1/submissions'), [], https, true)).to.equal('cors');
    expect(blockedCause(url('https://api.offenbach.de/v1/submissions'), [], https, false)).to.equal(undefined);
  });

  it('names nothing for the page’s own origin: that is a network failure, worth trying again', () => {
    expect(blockedCause(url('https://www.offenbach.de/v1/submissions'), [], https, true)).to.equal(undefined);
  });

  it('names the CSP when the document reported a violation for the address or its origin, before anything else', () => {
    expect(blockedCause(url('http://civicflow.offenbach.de/v1/submissions'), ['http://civicflow.offenbach.de'], https, true)).to.equal('csp');
    expect(blockedCause(url('https://api.offenbach.de/v1/submissions'), ['https://api.offenbach.de/v1/submissions'], https, true)).to.equal('csp');
  });
});
