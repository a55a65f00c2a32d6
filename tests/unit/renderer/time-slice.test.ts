/**
 * runSliced: a generator's work spread over tasks, leaving the thread whenever the budget is spent
 * (a fake clock here: where the tasks end is all that depends on time), resolving to what the
 * work returns.
 */
import { describe, expect, it } from 'vitest';
import { runSliced } from '../../../src/renderer/src/app/time-slice.ts';

function* steps(log: string[], n: number): Generator<void, string, undefined> {
  for (let i = 0; i < n; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return 'done';
}

describe('runSliced', () => {
  it('runs every step in order and resolves to what the work returns', async () => {
    const log: string[] = [];
    expect(await runSliced(steps(log, 5), { now: () => 0, yieldTask: async () => void log.push('yield') })).toBe('done');
    // The clock never moves: the budget is never spent, so it never leaves the thread.
    expect(log).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'step 4']);
  });

  it('leaves the thread for a new task each time the budget is spent, and starts a new budget there', async () => {
    const log: string[] = [];
    let t = 0;
    // Each step takes 3 ms; budget 8 ms: three steps per task (0-3-6-9 ≥ 8).
    const work = (function* () {
      for (let i = 0; i < 7; i++) {
        log.push(`step ${i}`);
        t += 3;
        yield;
      }
      return 7;
    })();
    const got = await runSliced(work, { budgetMs: 8, now: () => t, yieldTask: async () => void log.push('yield') });
    expect(got).toBe(7);
    expect(log).toEqual(['step 0', 'step 1', 'step 2', 'yield', 'step 3', 'step 4', 'step 5', 'yield', 'step 6']);
  });

  it('passes on what the work throws', async () => {
    const work = (function* () {
      yield;
      throw new Error('cut short');
    })();
    await expect(runSliced(work, { now: () => 0 })).rejects.toThrow('cut short');
  });
});
