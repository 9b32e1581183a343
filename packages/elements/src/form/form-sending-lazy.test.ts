import { expect } from '@esm-bundle/chai';
import { LitElement, html, nothing, render } from 'lit';
import type { SendState } from '../internal/submission-controller.js';
import type { CfErrorEvent } from '../events/error.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import type { FormSending } from './form-sending.js';
import { createLazyFormSending, type SendingModule } from './form-sending-lazy.js';

class SendingTestHost extends LitElement {}
customElements.define('cf-sending-test-host', SendingTestHost);

/** The sending code as a stand-in: it records what it was given and what it was asked to do. */
function fakeSending() {
  const calls = { created: 0, sent: 0, delays: undefined as readonly number[] | undefined };
  const moved = html`<p id="moved">moved</p>`;
  const standing = html`<p id="standing">waiting</p>`;
  const sent = html`<p id="sent">sent</p>`;
  const review = html`<p id="review">review</p>`;
  const state: SendState = { kind: 'waiting', seconds: 3, attempt: 1 };
  const module: SendingModule = {
    createFormSending: () => {
      calls.created++;
      const sending: FormSending = {
        get __state() {
          return state;
        },
        set __retryDelays(d: readonly number[]) {
          calls.delays = d;
        },
        __send: async () => {
          calls.sent++;
        },
        __renderState: () => standing,
        __renderMoved: () => moved,
        __renderSent: () => sent,
        __notesReady: () => Promise.resolve(),
        __renderReview: () => review,
      };
      return sending;
    },
  };
  return { calls, module, state, moved, standing, sent, review };
}

describe('sending, loaded when needed', () => {
  let host: SendingTestHost;
  let attempts: number;
  let valid: boolean;
  let context: FormContext;
  const drafts = {} as FormDrafts;
  beforeEach(() => {
    host = document.createElement('cf-sending-test-host') as SendingTestHost;
    document.body.append(host);
    attempts = 0;
    valid = true;
    context = {
      __host: host,
      __session: {},
      __validation: {
        __checked: () => ({
          attemptSend: () => {
            attempts++;
            return valid;
          },
        }),
      },
    } as unknown as FormContext;
  });
  afterEach(() => host.remove());

  it('checks the answers first: a form with problems shows them and fetches no code', async () => {
    let imports = 0;
    const sending = createLazyFormSending(context, drafts, () => {
      imports++;
      return Promise.resolve(fakeSending().module);
    });
    valid = false;
    await sending.__send();
    expect(attempts).to.equal(1);
    expect(imports).to.equal(0);
    expect(sending.__state).to.deep.equal({ kind: 'idle' });
  });

  it('fetches the code once, hands it the pauses set before, then shows its state and sends through it', async () => {
    const fake = fakeSending();
    let imports = 0;
    const sending = createLazyFormSending(context, drafts, () => {
      imports++;
      return Promise.resolve(fake.module);
    });
    sending.__retryDelays = [5, 10];
    expect(sending.__state).to.deep.equal({ kind: 'idle' });
    await Promise.all([sending.__load(), sending.__load()]);
    expect(imports).to.equal(1);
    expect(fake.calls.created).to.equal(1);
    expect(fake.calls.delays).to.deep.equal([5, 10]);
    expect(sending.__state).to.equal(fake.state);
    await sending.__send();
    expect(fake.calls.sent).to.equal(1);
    sending.__retryDelays = [1];
    expect(fake.calls.delays).to.deep.equal([1]);
  });

  it('says the form could not be sent when the code cannot be fetched, and fetches it again on the next send', async () => {
    const fake = fakeSending();
    let imports = 0;
    const sending = createLazyFormSending(context, drafts, () => {
      imports++;
      return imports === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve(fake.module);
    });
    const errors: CfErrorEvent['detail'][] = [];
    host.addEventListener('cf-error', (e) => errors.push(e.detail));
    await sending.__send();
    expect(sending.__state).to.deep.equal({ kind: 'failed' });
    expect(errors.map((e) => [e.kind, e.willRetry])).to.deep.equal([['network', false]]);
    expect(fake.calls.sent).to.equal(0);
    await sending.__send();
    expect(imports).to.equal(2);
    expect(fake.calls.sent).to.equal(1);
    expect(sending.__state).to.equal(fake.state);
  });

  it('shows no send state nor a newer version before the code is there, and hands both to the code after', async () => {
    const fake = fakeSending();
    const sending = createLazyFormSending(context, drafts, () => Promise.resolve(fake.module));
    expect(sending.__renderState(undefined as never)).to.equal(nothing);
    expect(sending.__renderMoved(undefined as never)).to.equal(nothing);
    await sending.__load();
    expect(sending.__renderState(undefined as never)).to.equal(fake.standing);
    expect(sending.__renderMoved(undefined as never)).to.equal(fake.moved);
  });

  it('says that the form could not be sent, without the code, when the code could not be fetched', async () => {
    const sending = createLazyFormSending(context, drafts, () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    await sending.__send();
    const shown = document.createElement('div');
    render(sending.__renderState({ failedNetwork: 'No connection' } as never), shown);
    expect(shown.querySelector('[role="alert"]')?.textContent).to.equal('No connection');
  });

  it('adds nothing to the confirmation before the code is there, and the copy and notes through the code after', async () => {
    const fake = fakeSending();
    const sending = createLazyFormSending(context, drafts, () => Promise.resolve(fake.module));
    expect(sending.__renderSent(undefined as never, 2, { state: 'profiling' })).to.equal(nothing);
    await sending.__load();
    expect(sending.__renderSent(undefined as never, 2, { state: 'profiling' })).to.equal(fake.sent);
  });

  it('has no wording of derived values before the code is there, then the one it brings', async () => {
    const fake = fakeSending();
    const formatAnswer = (() => ({ text: '15.000', empty: false })) as NonNullable<SendingModule['formatAnswer']>;
    const sending = createLazyFormSending(context, drafts, () => Promise.resolve({ ...fake.module, formatAnswer }));
    expect(sending.__format).to.equal(undefined);
    await sending.__load();
    expect(sending.__format).to.equal(formatAnswer);
  });

  it('draws no review before the code is there but fetches it and draws again, then draws the review through it', async () => {
    const fake = fakeSending();
    let imports = 0;
    const sending = createLazyFormSending(context, drafts, () => {
      imports++;
      return Promise.resolve(fake.module);
    });
    let updates = 0;
    const requestUpdate = host.requestUpdate.bind(host);
    host.requestUpdate = (...args: Parameters<typeof requestUpdate>) => {
      updates++;
      requestUpdate(...args);
    };
    expect(sending.__renderReview(undefined as never, 3, new Map())).to.equal(nothing);
    expect(imports).to.equal(1);
    await sending.__load();
    await Promise.resolve();
    expect(updates, 'the form draws again once the code is there').to.equal(1);
    expect(sending.__renderReview(undefined as never, 3, new Map())).to.equal(fake.review);
  });
});
