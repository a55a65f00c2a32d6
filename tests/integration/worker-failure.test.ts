/**
 * A pool worker that dies while processing one unit (out of memory, a crash) fails that unit,
 * named, like a bad file does: the run still waits for the other units and stores their results.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { TaskPool, type TaskRunner } from '../../src/main/core/jobs/task-pool.ts';
import { NODE_WORKER_PATH } from '../../src/main/core/node-paths.ts';

const START = SAMPLE_OPTIONS.startMs;
const END = START + SAMPLE_OPTIONS.minutes * 60_000;

let t: TestCore;
afterAll(() => t.close());

describe('a worker that dies', () => {
  it('fails the session naming the unit it was processing; the other units are processed and kept', async () => {
    const real = new TaskPool(NODE_WORKER_PATH, 2);
    const pool: TaskRunner = {
      run: (input, onProgress) => (input.deviceId === 'P1-1002' ? Promise.reject(new Error('Terminating worker thread')) : real.run(input, onProgress)),
      destroy: () => real.destroy(),
    };
    t = startTestCore({ taskRunner: pool });
    const s = await t.call('sessions:create', { name: 'dying worker', startMs: START, endMs: END });
    await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);

    const failed = await t.call('sessions:get', { id: s.id });
    expect(failed.processingStatus).toBe('FAILED');
    expect(failed.error).toMatchObject({ scope: 'unit', deviceId: 'P1-1002', code: 'WORKER_FAILED' });
    expect(failed.error!.playerName).toBe(failed.participants.find((p) => p.deviceId === 'P1-1002')!.playerName);
    expect(failed.error!.message).toMatch(/Terminating worker thread/);
    // Settled when the run ends: every other unit's result is in.
    const results = await t.call('results:list', { sessionId: s.id });
    expect(results.players.map((p) => p.deviceId).sort()).toEqual(['P1-1001', 'P1-1003', 'P1-1004', 'P1-1005']);
    expect((await t.call('jobs:status', { sessionId: s.id })).participants.find((p) => p.deviceId === 'P1-1002')).toMatchObject({ stage: 'failed' });
  });
});
