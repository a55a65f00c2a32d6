/**
 * results:series: the session page's timeline series apart from results:list, packed as the
 * report packs them. Checked against the series the job runner stored (read back from SQLite),
 * each value rounded by hand to the codec's resolution (0.01 m/s, 1 bpm, 0.001 au); and the core's
 * main thread goes back to its event loop while it packs (a timer set before the call runs before
 * the answer), so a large session's series never hold the loop in one task.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/app.ts';
import type { SessionSeries } from '../../src/shared/api/results.contract.ts';
import { NODE_WORKER_PATH, REPORT_VIEWER_PATH } from '../../src/main/core/node-paths.ts';
import { ensureSampleSession } from '../../src/main/core/sample/sample-session.ts';
import { DEFAULT_SAMPLE } from '../../src/main/core/sample/scenario.ts';
import { runPlayerTask } from '../../src/main/core/jobs/player-task.ts';
import type { TaskRunner } from '../../src/main/core/jobs/task-pool.ts';
import { unpackSeries } from '../../src/shared/domain/series-codec.ts';

const root = mkdtempSync(join(tmpdir(), 'p1-series-'));
const folder = join(root, 'sample');
let core: Core;
const inline: TaskRunner = { run: async (input, onProgress) => runPlayerTask(input, onProgress), destroy: async () => {} };

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

beforeAll(() => {
  ensureSampleSession(folder, { players: 3, minutes: 4 });
  const viewer = existsSync(REPORT_VIEWER_PATH) ? REPORT_VIEWER_PATH : join(root, 'viewer.js');
  if (!existsSync(REPORT_VIEWER_PATH)) {
    mkdirSync(root, { recursive: true });
    writeFileSync(viewer, '/* viewer not built */');
  }
  core = createCore({ dataDir: join(root, 'data'), workerPath: NODE_WORKER_PATH, reportViewerPath: viewer, host: { kind: 'cli' }, taskRunner: inline });
});
afterAll(async () => {
  await core.close();
  rmSync(root, { recursive: true, force: true });
});

const round = (v: (number | null)[] | null, scale: number) => v?.map((x) => (x == null ? null : Math.round(x * scale) / scale)) ?? null;

describe('results:series', () => {
  it('answers every processed player’s stored series at the timeline’s resolution, without holding the event loop', async () => {
    const start = DEFAULT_SAMPLE.startMs;
    const s = await call<{ id: string }>('sessions:create', { name: 'Series', startMs: start, endMs: start + 5 * 60_000 });
    // Before processing: nothing stored, nothing packed.
    await call('sessions:importFolder', { id: s.id, folder });
    const empty = await call<SessionSeries>('results:series', { sessionId: s.id });
    expect(empty.players).toBe(0);
    expect(unpackSeries(Buffer.from(empty.packed, 'base64'))).toEqual([]);

    await call('jobs:start', { sessionId: s.id });
    await core.jobs.whenIdle(s.id);
    const stored = core.ctx.repos.results.forSession(s.id);
    expect(stored).toHaveLength(3);

    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const answer = call<SessionSeries>('results:series', { sessionId: s.id });
    const got = await answer;
    expect(timerRan).toBe(true);

    expect(got.sessionId).toBe(s.id);
    expect(got.players).toBe(3);
    const unpacked = unpackSeries(Buffer.from(got.packed, 'base64'));
    expect(unpacked.map((p) => p.playerId).sort()).toEqual(stored.map((r) => r.playerId).sort());
    for (const p of unpacked) {
      const want = stored.find((r) => r.playerId === p.playerId)!.series!;
      // 4 minutes of data at 1 s bins.
      expect(want.speedMs.length).toBeGreaterThanOrEqual(240);
      expect(p.series).toEqual({
        startMs: want.startMs,
        stepS: want.stepS,
        speedMs: round(want.speedMs, 100),
        hrBpm: round(want.hrBpm, 1),
        playerLoad: round(want.playerLoad, 1000),
      });
    }
  });

  it('names a session that does not exist', async () => {
    await expect(call('results:series', { sessionId: 'no-such-session' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
