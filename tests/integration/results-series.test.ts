/**
 * results:series: the session page's timeline series apart from results:list, packed as the
 * report packs them: the records the pool threads stored (SQLite), joined. A result stored before
 * the series were kept packed holds them as JSON: packed into the same bytes, the core's main
 * thread going back to its event loop between players (a timer set before the call runs before the
 * answer), and the report reads those the same way.
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
import { joinPackedSeries, unpackSeries } from '../../src/shared/domain/series-codec.ts';
import { sessionReportModel } from '../../src/main/core/report/session-report.ts';

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

    // The records the pool threads packed, joined as they are: one per player, in player id order.
    const got = await call<SessionSeries>('results:series', { sessionId: s.id });
    expect(got.sessionId).toBe(s.id);
    expect(got.players).toBe(3);
    const records = [...stored].sort((x, y) => x.playerId.localeCompare(y.playerId)).map((r) => r.seriesPacked!);
    expect(Buffer.from(got.packed, 'base64')).toEqual(Buffer.from(joinPackedSeries(records)));
    const unpacked = unpackSeries(Buffer.from(got.packed, 'base64'));
    expect(unpacked.map((p) => p.playerId).sort()).toEqual(stored.map((r) => r.playerId).sort());
    // 4 minutes of data at 1 s bins, on the codec's grid (0.01 m/s, 1 bpm, 0.001 au).
    for (const p of unpacked) {
      expect(p.series.stepS).toBe(1);
      expect(p.series.speedMs.length).toBeGreaterThanOrEqual(240);
      expect(p.series.speedMs).toEqual(round(p.series.speedMs, 100));
      expect(p.series.hrBpm).toEqual(round(p.series.hrBpm, 1));
      expect(p.series.playerLoad).toEqual(round(p.series.playerLoad, 1000));
    }

    // Results stored before the series were kept packed (migration 14) hold them as JSON: packed
    // here a player at a time, the event loop free between players (a timer set before the call
    // runs before the answer), into the same bytes.
    const db = core.ctx.db;
    for (const p of unpacked) {
      db.prepare('UPDATE player_results SET series_json = ?, series_packed = NULL WHERE session_id = ? AND player_id = ?').run(JSON.stringify(p.series), s.id, p.playerId);
    }
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const legacy = await call<SessionSeries>('results:series', { sessionId: s.id });
    expect(timerRan).toBe(true);
    expect(legacy.packed).toBe(got.packed);
    // The report reads them the same way (in its players' order).
    const session = core.ctx.repos.sessions.get(s.id)!;
    const { model, records: reportRecords } = sessionReportModel(core.ctx.repos, session, { appName: 'x', appVersion: '0', generatedAt: start, timeZone: 'UTC' });
    const hex = (r: Uint8Array) => Buffer.from(r).toString('hex');
    const byId = new Map(stored.map((r) => [r.playerId, hex(r.seriesPacked!)]));
    expect(reportRecords.map(hex)).toEqual(model.players.map((p) => byId.get(p.playerId)));
  });

  it('names a session that does not exist', async () => {
    await expect(call('results:series', { sessionId: 'no-such-session' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
