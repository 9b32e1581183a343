import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { toSnapshot } from './to-snapshot.js';
import { compileWorkflow } from './compile-workflow.js';
import { exampleWalks, loadExample } from '@civicflow/test-support';
import { runWalk, type Walk } from './test-support/walk.js';
import type { Case } from './case.js';

describe('toSnapshot', () => {
  const program = loadExample('zweite-chance');
  const { machine } = compileWorkflow(program);
  const [[, walk]] = exampleWalks<Walk>('zweite-chance', 'workflow-happy-path') as [[string, Walk]];
  const walked = runWalk(program, 'zweite-chance', { ...walk, steps: walk.steps.slice(0, 9) });

  it('gives a case read back from JSON the same XState snapshot as the live case', () => {
    const stored = JSON.parse(JSON.stringify(walked)) as Case;
    const live = toSnapshot(program, walked);
    const restored = toSnapshot(program, stored);
    expect(restored).not.toBe(live);
    expect(machine.getPersistedSnapshot(restored)).toEqual(machine.getPersistedSnapshot(live));
    expect(restored.value).toBe('followUp');
    expect(restored.status).toBe('active');
  });

  it('continues from the restored snapshot exactly as from the live one', () => {
    const event = { type: 'RECORD_FOLLOW_UP', data: { followUp: { date: '2026-04-15', stillEmployed: false } }, at: '2026-04-15T09:00:00.000Z' };
    const [fromLive] = transition(machine, toSnapshot(program, walked), event);
    const [fromJson] = transition(machine, toSnapshot(program, JSON.parse(JSON.stringify(walked)) as Case), event);
    expect(fromJson.value).toBe('coaching');
    expect(machine.getPersistedSnapshot(fromJson)).toEqual(machine.getPersistedSnapshot(fromLive));
  });
});
