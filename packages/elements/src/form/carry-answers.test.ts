// Carrying answers from one version of a form into another: with the two versions' own validators, as the real
// server builds them (scripts/wtr-api-server.mjs; the versions in test-support/versions.ts).
import { expect } from '@esm-bundle/chai';
import { FormSession, fromValidatorsModule, validateWith } from '@civicflow/core/runtime';
import { carryAnswers } from './carry-answers.js';
import { publish, versionModule, versionOne, versionTwo } from '../test-support/versions.js';

describe('carryAnswers', function () {
  this.timeout(60_000);
  let one: FormSession;
  let two: () => FormSession;

  before(async () => {
    await publish(versionOne());
    await publish(versionTwo());
    const [a, b] = await Promise.all([versionModule('1.0.0'), versionModule('1.1.0')]);
    one = new FormSession(fromValidatorsModule(a), 'request', 'de', undefined, validateWith);
    two = () => new FormSession(fromValidatorsModule(b), 'request', 'de', undefined, validateWith);
  });

  const from = (data: Record<string, unknown>) => {
    one.data = data;
    one.refresh();
    return one;
  };

  it('keeps an answer whose field is still there and valid, and names those whose field went or whose value the new version refuses', () => {
    const to = two();
    const carried = carryAnswers(from({ name: 'Erika Muster', phone: '0201 123', street: 'Hauptstraße 1', helpKind: 'garden', hours: 20, consent: true }), to);
    expect(carried.data).to.deep.equal({ name: 'Erika Muster', consent: true });
    // phone and street are gone (street is `address` now); "garden" is no longer offered; 20 hours are over 1.1.0's 10.
    expect(carried.notCarried).to.deep.equal(['/phone', '/street', '/helpKind', '/hours']);
    // The session of the new version holds the carried data; what it still needs is the person's to give, not "not carried".
    expect(to.data).to.equal(carried.data);
    expect(to.result.errors.map((e) => e.pointer).sort()).to.deep.equal(['/district', '/helpKind']);
  });

  it('carries a choice the new version still offers and a number within its limits', () => {
    const carried = carryAnswers(from({ name: 'Erika Muster', helpKind: 'paperwork', hours: 4, consent: true }), two());
    expect(carried.data).to.deep.equal({ name: 'Erika Muster', helpKind: 'paperwork', hours: 4, consent: true });
    expect(carried.notCarried).to.deep.equal([]);
  });

  it('says nothing of answers left empty, and of values under no field of the old form', () => {
    const carried = carryAnswers(from({ name: 'Erika Muster', phone: '', street: '', stray: 'x', consent: true }), two());
    expect(carried.data).to.deep.equal({ name: 'Erika Muster', consent: true });
    expect(carried.notCarried).to.deep.equal([]);
  });

  it('carries list entries field by field: an entry keeps what still fits, one that keeps nothing goes', () => {
    const to = two();
    const times = [{ day: 'mon', note: 'vormittags' }, { day: 'sat' }, { day: 'tue', note: '' }];
    const carried = carryAnswers(from({ name: 'Erika Muster', times, consent: true }), to);
    // 1.1.0 has no notes, and no Saturdays: the Saturday entry is left with nothing and goes.
    expect(carried.data).to.deep.equal({ name: 'Erika Muster', times: [{ day: 'mon' }, { day: 'tue' }], consent: true });
    expect(carried.notCarried).to.deep.equal(['/times/0/note', '/times/1/day']);
  });

  it('carries a multiple choice as one answer, kept whole', () => {
    const carried = carryAnswers(from({ name: 'Erika Muster', languages: ['de', 'tr'], consent: true }), two());
    expect(carried.data).to.deep.equal({ name: 'Erika Muster', languages: ['de', 'tr'], consent: true });
    expect(carried.notCarried).to.deep.equal([]);
  });
});
