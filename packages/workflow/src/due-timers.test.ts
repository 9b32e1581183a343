import { describe, expect, it } from 'vitest';
import { dueTimers } from './due-timers.js';
import type { Case, Timer } from './case.js';

const timer = (id: string, due: string): Timer => ({ id, event: 'E', due, startedAt: '2025-01-01T00:00:00.000Z' });
const caseWith = (timers: Timer[]): Case => ({ id: 'c', program: 'p@1.0.0', state: 's', data: {}, version: 1, timers, outcomes: [], history: [] });

describe('dueTimers', () => {
  it('lists the timers due at or before now, earliest first', () => {
    const c = caseWith([timer('late', '2025-03-01T00:00:00.000Z'), timer('b', '2025-02-01T00:00:00.000Z'), timer('a', '2025-02-01T00:00:00.000Z'), timer('first', '2025-01-15T00:00:00.000Z')]);
    expect(dueTimers(c, new Date('2025-02-01T00:00:00.000Z')).map((t) => t.id)).toEqual(['first', 'a', 'b']);
  });

  it('lists nothing before the first is due', () => {
    expect(dueTimers(caseWith([timer('a', '2025-02-01T00:00:00.000Z')]), new Date('2025-01-31T23:59:59.999Z'))).toEqual([]);
  });
});
