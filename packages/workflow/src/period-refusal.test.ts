import { describe, expect, it } from 'vitest';
import { loadProgram, type Program } from '@civicflow/core';
import { congressDefinition, loadExample, type CongressLate } from '@civicflow/test-support';
import { applyEvent } from './apply-event.js';
import { createCase } from './create-case.js';
import { periodRefusal } from './period-refusal.js';
import { workflowTexts } from './workflow-texts.js';

const guest = { id: 'guest', roles: ['applicant'] };
const office = { id: 'office', roles: ['office'] };

describe('periodRefusal', () => {
  const wir = loadExample('wir-vielfalt');

  it('tells a closed call with its end in the reader’s language and what to do instead', () => {
    const de = periodRefusal(wir, 'application', guest, new Date('2026-12-02T10:00:00Z'), workflowTexts(wir, 'de'));
    expect(de).toEqual({
      ok: false,
      code: 'PERIOD_ENDED',
      message:
        '„Der Förderaufruf WIR 2019“ ist am 30. November 2019 um 23:59 zu Ende gegangen: Es kann nichts mehr eingereicht werden. Das Regierungspräsidium Darmstadt veröffentlicht den nächsten Förderaufruf und beantwortet Fragen zur Förderung; bis dahin nimmt es keine Anträge an.',
      details: { form: 'application', period: 'call2019', start: '2019-08-31T22:00:00.000Z', end: '2019-11-30T22:59:59.000Z', timeZone: 'Europe/Berlin' },
    });
    const en = periodRefusal(wir, 'application', guest, new Date('2026-12-02T10:00:00Z'), workflowTexts(wir, 'en'));
    expect(en?.message).toBe(
      '"The WIR call for applications 2019" ended on November 30, 2019 at 11:59 PM: nothing can be sent any more. The Regional Council of Darmstadt publishes the next call and answers questions about the grant; until then it takes no applications.',
    );
  });

  it('tells a call that has not started with both its dates', () => {
    const r = periodRefusal(wir, 'application', guest, new Date('2019-08-01T10:00:00Z'), workflowTexts(wir, 'de'));
    expect(r?.code).toBe('PERIOD_NOT_STARTED');
    expect(r?.message).toMatch(/^„Der Förderaufruf WIR 2019“ beginnt am 1\. September 2019 um 00:00 und läuft bis zum 30\. November 2019 um 23:59; vorher kann nichts eingereicht werden\. /);
  });

  it('leaves the open call, forms without periods and exempt roles alone', () => {
    expect(periodRefusal(wir, 'application', guest, new Date('2019-11-30T22:59:58Z'), workflowTexts(wir))).toBeUndefined();
    expect(periodRefusal(wir, 'application', guest, new Date('2019-11-30T22:59:59Z'), workflowTexts(wir))?.code).toBe('PERIOD_ENDED');
    expect(periodRefusal(wir, 'proofOfUse', guest, new Date('2021-03-01T08:00:00Z'), workflowTexts(wir))).toBeUndefined();
    const zb = loadExample('zukunftsbuendnis');
    expect(periodRefusal(zb, 'registration', office, new Date('2025-05-12T08:00:00Z'), workflowTexts(zb))).toBeUndefined();
    expect(periodRefusal(zb, 'registration', guest, new Date('2025-05-12T08:00:00Z'), workflowTexts(zb))?.code).toBe('PERIOD_ENDED');
  });
});

/** The congress of test-support, loaded, with `late` as given. */
const congress = (late?: CongressLate): Program => loadProgram(congressDefinition(late));

describe('a timer whose moment has passed when its state is entered', () => {
  const opened = (p: Program) => {
    const r = createCase(p, 'c', office, new Date('2025-05-01T08:00:00Z'));
    if (!r.ok) throw new Error(r.message);
    return r.case;
  };

  it('is due at the end of its period, in the period’s time zone', () => {
    const p = congress();
    const r = applyEvent(p, opened(p), { type: 'REGISTER', data: { name: 'Lea' } }, office, new Date('2025-05-16T08:00:00Z'));
    expect(r.ok && r.case.timers.map((t) => [t.id, t.due])).toEqual([['after:registered:0', '2025-05-16T22:00:00.000Z']]);
  });

  it('refuses the step by default, with the moment in words, and changes nothing', () => {
    for (const p of [congress(), congress('refuse')]) {
      const before = opened(p);
      const r = applyEvent(p, before, { type: 'REGISTER', data: { name: 'Lea' } }, office, new Date('2025-05-20T08:00:00Z'));
      expect(r).toEqual({
        ok: false,
        code: 'TIMER_PASSED',
        message: '"Register" is no longer possible: the time for it ended on May 17, 2025 at 12:00 AM.',
        details: { timer: 'after:registered:0', event: 'OVER', due: '2025-05-16T22:00:00.000Z' },
      });
    }
  });

  it('takes the declared route with late "send": the state is entered and its timer is due at once', () => {
    const p = congress('send');
    const now = new Date('2025-05-20T08:00:00Z');
    const r = applyEvent(p, opened(p), { type: 'REGISTER', data: { name: 'Lea' } }, office, now);
    expect(r.ok && [r.case.state, r.case.timers.map((t) => t.due)]).toEqual(['registered', ['2025-05-16T22:00:00.000Z']]);
  });

  it('refuses opening a case whose first state’s moment has passed', () => {
    const wir = loadExample('wir-vielfalt');
    const r = createCase(wir, 'c', { id: 'town', roles: ['applicant'] }, new Date('2026-12-02T10:00:00Z'), undefined, { locale: 'de' });
    expect(r.ok === false && [r.code, r.message]).toEqual(['TIMER_PASSED', '„Fall eröffnen“ ist nicht mehr möglich: Die Zeit dafür ist am 30. November 2019 um 23:59 abgelaufen.']);
  });
});
