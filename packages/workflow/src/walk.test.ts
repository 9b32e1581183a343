import { describe, expect, it } from 'vitest';
import { exampleWalks, loadExample } from '@civicflow/test-support';
import { playWalk, type Walk } from './walk.js';

describe('playWalk', () => {
  const program = loadExample('zweite-chance');
  const walk = exampleWalks<Walk>('zweite-chance', 'workflow-pause-expires').map(([, w]) => w)[0]!;

  it('plays an example walk to its end without a mismatch', () => {
    const played = playWalk(program, walk);
    expect(played.mismatch).toBeUndefined();
    expect(played.case?.state).toBe('droppedOut');
  });

  it('names the first step that goes another way: a state, a refusal not given, a refusal not expected, an unknown actor', () => {
    const wrongState: Walk = { ...walk, steps: walk.steps.map((s, i) => (i === 1 ? { ...s, expect: 'intake' } : s)) };
    expect(playWalk(program, wrongState).mismatch).toEqual({ step: 2, kind: 'state', expected: 'intake', actual: 'paused' });
    const notRefused: Walk = { ...walk, steps: walk.steps.map((s, i) => (i === 0 ? { ...s, expect: undefined, refused: 'GUARD_FAILED' } : s)) };
    expect(playWalk(program, notRefused).mismatch).toMatchObject({ step: 1, kind: 'notRefused', expected: 'GUARD_FAILED' });
    const refused: Walk = { ...walk, steps: walk.steps.map((s, i) => (i === 3 ? { ...s, refused: undefined, expect: 'intake' } : s)) };
    expect(playWalk(program, refused).mismatch).toMatchObject({ step: 4, kind: 'refused', actual: 'TIMERS_DUE', expected: 'intake' });
    const timers: Walk = { ...walk, steps: walk.steps.map((s, i) => (i === 4 ? { ...s, timers: ['after:paused:0'] } : s)) };
    expect(playWalk(program, timers).mismatch).toMatchObject({ step: 5, kind: 'timers', actual: [] });
    expect(playWalk(program, { ...walk, open: { ...walk.open, as: 'nobody' } }).mismatch).toEqual({ step: 0, kind: 'actor', expected: 'nobody' });
  });
});
