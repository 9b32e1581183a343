import { expect } from '@esm-bundle/chai';
import { once } from './once.js';

describe('once', () => {
  it('starts a key once while it is on its way and once it is there', async () => {
    const pending = new Map<string, Promise<number>>();
    let starts = 0;
    const start = () => Promise.resolve(++starts);
    const [a, b] = await Promise.all([once(pending, 'x', start), once(pending, 'x', start)]);
    expect([a, b, await once(pending, 'x', start)]).to.deep.equal([1, 1, 1]);
    expect(await once(pending, 'y', start)).to.equal(2);
  });

  it('forgets a key whose start failed, so that the next call starts it again', async () => {
    const pending = new Map<string, Promise<string>>();
    let offline = true;
    const start = () => (offline ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve('words'));
    const failed = await once(pending, 'x', start).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).to.be.instanceOf(TypeError);
    expect(pending.has('x')).to.equal(false);
    offline = false;
    expect(await once(pending, 'x', start)).to.equal('words');
  });
});
