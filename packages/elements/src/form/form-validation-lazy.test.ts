// The code that checks answers comes after the first page (cf-form.validation.js in the embed build): a session
// takes answers meanwhile, a "continue" waits for the code, and every answer typed before it arrived is checked.
import { expect } from '@esm-bundle/chai';
import { LitElement } from 'lit';
import { formTexts } from '../internal/form-texts.js';
import { uiStrings } from '../internal/ui-strings.js';
import { FormSessionBase, checkedSession, fromValidatorsModule, validateWith, type CompiledProgram, type FormSession } from '@civicflow/core/runtime';
import type { CfErrorEvent } from '../events/error.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import type { LazyFormSending } from './form-sending-lazy.js';
import { createFormNavigation } from './form-navigation.js';
import { createLazyNavigation } from './form-navigation-lazy.js';
import { createFormDrafts } from './form-drafts.js';
import { createLazyValidation, type LazyValidation, type ValidationModule } from './form-validation-lazy.js';
import { loadModule } from '../test-support/fixtures.js';
import { loadWords } from '../internal/locale-words.js';

class ValidationTestHost extends LitElement {}
customElements.define('cf-validation-test-host', ValidationTestHost);

/** An import that resolves or fails when the test says so. */
function deferredImport() {
  let resolve!: (m: ValidationModule) => void;
  let reject!: (e: Error) => void;
  let calls = 0;
  const importValidation = () => {
    calls++;
    return new Promise<ValidationModule>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return {
    importValidation,
    arrive: () => resolve({ validateWith, checkedSession, createFormNavigation }),
    fail: () => reject(new Error('offline')),
    get calls() {
      return calls;
    },
  };
}

describe('checking answers, loaded when needed', () => {
  let host: ValidationTestHost;
  let compiled: CompiledProgram;
  let context: FormContext;
  let validation: LazyValidation;
  const drafts = { __save: () => undefined } as unknown as FormDrafts;
  const sending = { __load: () => Promise.resolve(), __send: async () => undefined } as unknown as LazyFormSending;
  const submit = () => new Event('submit', { cancelable: true });

  before(async () => {
    compiled = fromValidatorsModule(await loadModule('zweite-chance'));
  });

  /** A session as a page opens it, before the code that checks answers (which makes it a full `FormSession`) is here. */
  function start(importValidation: () => Promise<ValidationModule>): FormSession {
    host = document.createElement('cf-validation-test-host') as ValidationTestHost;
    document.body.append(host);
    const session = new FormSessionBase(compiled, 'intake', 'de') as FormSession;
    context = {
      __host: host,
      __session: session,
      __phase: 'form',
      __styles: [],
      get __validation() {
        return validation;
      },
      // The rest of the words, the widget's German ones among them, which the session waits for too.
      __texts: () => loadWords('de'),
    } as unknown as FormContext;
    validation = createLazyValidation(context, importValidation);
    return session;
  }
  afterEach(() => host.remove());

  it('a continue pressed before the code arrives waits for it, and the answers typed meanwhile are checked', async () => {
    const deferred = deferredImport();
    const s = start(deferred.importValidation);
    s.setValue('/person/givenName', 'Ada');
    s.setValue('/person/birthDate', '31.02.1990');
    s.touch('/person/birthDate');
    expect(s.validated).to.equal(false);
    expect(s.errorAt('/person/birthDate')).to.equal(undefined);
    const pressed = createFormNavigation(context, drafts, sending).__onSubmit(submit());
    await new Promise((r) => setTimeout(r, 20));
    // Nothing moved on unchecked.
    expect(s.place).to.deep.equal({ page: 0 });
    expect(s.summaryOpen).to.equal(false);
    deferred.arrive();
    await pressed;
    expect(s.validated).to.equal(true);
    expect(s.place).to.deep.equal({ page: 0 });
    expect(s.summaryOpen).to.equal(true);
    expect(s.summary().map((e) => e.field)).to.deep.equal(['/person/familyName', '/person/birthDate']);
    expect(s.errorAt('/person/birthDate')).to.match(/\S/);
    expect(deferred.calls).to.equal(1);
  });

  it('moves on once the code is there and the page has no problems', async () => {
    const deferred = deferredImport();
    const s = start(deferred.importValidation);
    s.setValue('/person/givenName', 'Ada');
    s.setValue('/person/familyName', 'Lovelace');
    s.setValue('/person/birthDate', '1990-12-10');
    const pressed = createFormNavigation(context, drafts, sending).__onSubmit(submit());
    deferred.arrive();
    await pressed;
    expect(s.place).to.deep.equal({ page: 1 });
  });

  it('says when the code could not be fetched, keeps the answers, and the next press fetches it again', async () => {
    const deferred = deferredImport();
    const s = start(deferred.importValidation);
    s.setValue('/person/givenName', 'Ada');
    const errors: CfErrorEvent[] = [];
    host.addEventListener('cf-error', (e) => errors.push(e as CfErrorEvent));
    const navigation = createFormNavigation(context, drafts, sending);
    const first = navigation.__onSubmit(submit());
    deferred.fail();
    await first;
    expect(validation.__failed).to.equal(true);
    expect(errors.map((e) => e.detail.kind)).to.deep.equal(['network']);
    expect(s.place).to.deep.equal({ page: 0 });
    expect(s.valueAt('/person/givenName')).to.equal('Ada');
    const second = navigation.__onSubmit(submit());
    deferred.arrive();
    await second;
    expect(deferred.calls).to.equal(2);
    expect(validation.__failed).to.equal(false);
    expect(s.validated).to.equal(true);
    expect(s.summaryOpen).to.equal(true);
  });

  it('moves with code that comes in the same file: two presses before it arrives move one page, and none when it fails', async () => {
    const deferred = deferredImport();
    const s = start(deferred.importValidation);
    s.setValue('/person/givenName', 'Ada');
    s.setValue('/person/familyName', 'Lovelace');
    s.setValue('/person/birthDate', '1990-12-10');
    const errors: CfErrorEvent[] = [];
    host.addEventListener('cf-error', (e) => errors.push(e as CfErrorEvent));
    const navigation = createLazyNavigation(context, drafts, sending);
    const refused = submit();
    const failed = navigation.__onSubmit(refused);
    // The browser's own submit is stopped at once, not once the code is there.
    expect(refused.defaultPrevented).to.equal(true);
    deferred.fail();
    await failed;
    expect(validation.__failed).to.equal(true);
    expect(errors.map((e) => e.detail.kind)).to.deep.equal(['network']);
    expect(s.place).to.deep.equal({ page: 0 });
    const first = navigation.__onSubmit(submit());
    const second = navigation.__onSubmit(submit());
    deferred.arrive();
    await Promise.all([first, second]);
    expect(deferred.calls).to.equal(2);
    expect(s.place).to.deep.equal({ page: 1 });
    await navigation.__onBack();
    expect(s.place).to.deep.equal({ page: 0 });
  });

  it('continues a draft once the code that moves is there, and keeps offering it while that code cannot be fetched', async () => {
    const deferred = deferredImport();
    const s = start(deferred.importValidation);
    context.__phase = 'resume';
    const offer = { data: { person: { givenName: 'Ada' } }, place: 'person' };
    const resumed: unknown[] = [];
    const offering = { ...drafts, __offer: offer, __resume: (_: FormSession, o: unknown) => resumed.push(o) } as unknown as FormDrafts;
    const errors: CfErrorEvent[] = [];
    host.addEventListener('cf-error', (e) => errors.push(e as CfErrorEvent));
    const navigation = createLazyNavigation(context, offering, sending);
    const first = navigation.__resume();
    deferred.fail();
    await first;
    expect(errors.map((e) => e.detail.kind)).to.deep.equal(['network']);
    expect(validation.__failed, 'the offer says that the form could not be loaded').to.equal(true);
    expect(resumed).to.deep.equal([]);
    expect(context.__phase).to.equal('resume');
    const second = navigation.__resume();
    deferred.arrive();
    await second;
    expect(resumed).to.deep.equal([offer]);
    expect(context.__phase).to.equal('form');
    expect(s.validated).to.equal(true);
  });

  it('writes a draft of answers changed before the file that does drafts arrived, once it is there, without the code that checks answers', async () => {
    const deferred = deferredImport();
    const s = start(deferred.importValidation);
    Object.assign(host, { drafts: true, draftKey: 'cf-draft:lazy-test' });
    localStorage.removeItem('cf-draft:lazy-test');
    const formDrafts = createFormDrafts(context);
    s.setValue('/person/givenName', 'Ada');
    formDrafts.__save();
    s.setValue('/person/familyName', 'Lovelace');
    formDrafts.__save();
    await formDrafts.__load();
    await new Promise((r) => setTimeout(r, 0));
    window.dispatchEvent(new Event('pagehide'));
    expect(deferred.calls, 'drafts do not wait for the code that checks answers').to.equal(0);
    const stored = JSON.parse(localStorage.getItem('cf-draft:lazy-test')!) as { data: Record<string, unknown> };
    expect(stored.data['person']).to.deep.include({ givenName: 'Ada', familyName: 'Lovelace' });
    formDrafts.__stop();
    expect(localStorage.getItem('cf-draft:lazy-test')).to.equal(null);
  });

  it('hands the code to a session started after it arrived', async () => {
    const deferred = deferredImport();
    start(deferred.importValidation);
    const loaded = validation.__load();
    deferred.arrive();
    await loaded;
    // As the loader opens one: a full session from the start, checking answers at once.
    const later = validation.__checked(new FormSessionBase(compiled, 'intake', 'de', undefined, validation.__validate))!;
    expect(later.validated).to.equal(true);
    expect(later.errorsOnPage(0).length).to.be.greaterThan(0);
  });

  it('builds no summary lines before the code is there, then lines that name each field and say what is wrong with it', async () => {
    const session = start(() => import('./form-validation.js'));
    expect(validation.__summaryItems).to.equal(undefined);
    await validation.__load();
    session.attemptSend();
    const items = validation.__summaryItems!(session, formTexts(session), uiStrings('de'));
    expect(items.length).to.be.greaterThan(0);
    expect(items.every((i) => i.label !== '' && i.message !== '' && i.pointer.startsWith('/'))).to.equal(true);
  });
});
