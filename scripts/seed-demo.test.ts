import { afterEach, describe, expect, it } from 'vitest';
import { createPgliteCaseStore, type CaseStore } from '@civicflow/server';
// @ts-expect-error: a plain ES module script without type declarations
import { demoJourneys, seedDemo } from './seed-demo.mjs';

const now = new Date('2026-11-23T06:00:00Z');
const stateCounts = async (store: CaseStore, program: string) =>
  Object.fromEntries((await store.report(program, now)).casesPerState.map((r) => [r.state, r.count]));

describe('seed-demo', () => {
  let store: CaseStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('plans the same cases for the same seed and day, and other cases for another seed', () => {
    const today = Date.UTC(2026, 10, 23);
    const a = JSON.stringify(demoJourneys({ today }));
    expect(JSON.stringify(demoJourneys({ today }))).toBe(a);
    expect(JSON.stringify(demoJourneys({ today, seed: 7 }))).not.toBe(a);
    for (const j of demoJourneys({ today })) for (const s of j.steps) expect(s.at.getTime()).toBeLessThanOrEqual(today);
  });

  it('fills a store with cases spread over the states of all four programs, and adds nothing on a second run', async () => {
    store = await createPgliteCaseStore();
    const first = await seedDemo({ store, now });
    expect(first.created).toBeGreaterThanOrEqual(40);
    expect(first.existing).toBe(0);

    const hagen = await stateCounts(store, 'gemeinsam-fuer-hagen');
    const wir = await stateCounts(store, 'wir-vielfalt');
    const zb = await stateCounts(store, 'zukunftsbuendnis');
    const zc = await stateCounts(store, 'zweite-chance');
    for (const counts of [hagen, wir, zb, zc]) expect(Object.keys(counts).length).toBeGreaterThanOrEqual(4);
    expect(hagen.achieved).toBeGreaterThan(0);
    expect(wir.completed).toBeGreaterThan(0);
    // The congress of 16 May 2025 is over: nobody is still just registered.
    expect(zb.registered).toBeUndefined();
    expect(zb.attended).toBeGreaterThan(0);
    expect(zc.coaching).toBeGreaterThan(0);

    const outcomes = new Set((await store.report('gemeinsam-fuer-hagen', now)).outcomesPerMonth.map((r) => r.outcome));
    expect([...outcomes].filter((o) => ['schoolCourse', 'vocationalCourse', 'languageCourse', 'socialInsuranceJob', 'miniJob'].includes(o)).length).toBeGreaterThanOrEqual(3);
    expect((await store.report('wir-vielfalt', now)).outcomesPerMonth.some((r) => r.outcome === 'granted')).toBe(true);

    const total = async () => {
      let n = 0;
      for (const p of ['gemeinsam-fuer-hagen', 'wir-vielfalt', 'zukunftsbuendnis', 'zweite-chance']) n += Object.values(await stateCounts(store!, p)).reduce((a, b) => a + b, 0);
      return n;
    };
    expect(await total()).toBe(first.created);
    // The next day's run plans different dates, yet finds every case by its idempotency key.
    const second = await seedDemo({ store, now: new Date('2026-11-24T06:00:00Z') });
    expect(second).toEqual({ created: 0, existing: first.created });
    expect(await total()).toBe(first.created);
  }, 180_000);
});
