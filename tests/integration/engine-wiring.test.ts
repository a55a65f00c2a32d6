/**
 * The engine through the core: periods and settings through the contract, results per period and
 * quality stored by the job runner, results marked stale (not recomputed) after a settings change,
 * the report's period, data-quality and settings sections, and migration 002 on the database.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/app.ts';
import type { SessionResults } from '../../src/shared/api/results.contract.ts';
import { NODE_WORKER_PATH, REPORT_VIEWER_PATH } from '../../src/main/core/node-paths.ts';
import { ensureSampleSession } from '../../src/main/core/sample/sample-session.ts';
import { DEFAULT_SAMPLE } from '../../src/main/core/sample/scenario.ts';
import { runPlayerTask } from '../../src/main/core/jobs/player-task.ts';
import type { TaskRunner } from '../../src/main/core/jobs/task-pool.ts';
import { ALGORITHM_VERSION } from '../../src/main/core/processing/algorithm-version.ts';
import { unpackPlayerSeries } from '../../src/shared/domain/series-codec.ts';

const root = mkdtempSync(join(tmpdir(), 'p1-engine-'));
const folder = join(root, 'sample');
let core: Core;
// Run tasks in-process (same runPlayerTask the worker runs) unless the viewer bundle exists for reports.
const inline: TaskRunner = { run: async (input, onProgress) => runPlayerTask(input, onProgress), destroy: async () => {} };

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
  return r.value as T;
}

beforeAll(() => {
  ensureSampleSession(folder, { players: 3, minutes: 6 });
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

describe('engine wiring', () => {
  const start = DEFAULT_SAMPLE.startMs;
  let sessionId = '';

  it('migration 002 is applied', () => {
    const rows = core.ctx.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    // Later migrations (003 devices, ...) follow it.
    expect(rows.slice(0, 2)).toEqual([
      { version: 1, name: 'init' },
      { version: 2, name: 'engine' },
    ]);
  });

  it('periods are validated against the session window and its participants', async () => {
    const s = await call<{ id: string }>('sessions:create', { name: 'Tuesday', startMs: start, endMs: start + 10 * 60_000 });
    sessionId = s.id;
    await call('sessions:importFolder', { id: sessionId, folder });
    const warm = await call<{ id: string }>('periods:create', { sessionId, name: 'Warm-up', startMs: start, endMs: start + 3 * 60_000 });
    await call('periods:create', { sessionId, name: 'Drill A', startMs: start + 3 * 60_000, endMs: start + 6 * 60_000 });
    // After the units stopped recording (6 min of data): a warning at processing, not an error now.
    await call('periods:create', { sessionId, name: 'Cool-down', startMs: start + 8 * 60_000, endMs: start + 10 * 60_000 });
    // The session window is 10 minutes: 1 minute late at the end, 1 minute early at the start.
    await expect(call('periods:create', { sessionId, name: 'Late', startMs: start + 9 * 60_000, endMs: start + 11 * 60_000 })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'endMs', message: expect.stringMatching(/^ends after the session ".+" ends$/) }],
    });
    await expect(call('periods:create', { sessionId, name: 'Early', startMs: start - 60_000, endMs: start + 60_000 })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'startMs', message: expect.stringMatching(/^starts before the session ".+" starts$/) }],
    });
    await expect(call('periods:create', { sessionId, name: 'X', startMs: start, endMs: start + 1000, playerIds: ['nobody'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    const renamed = await call<{ name: string }>('periods:update', { id: warm.id, name: 'Warm up' });
    expect(renamed.name).toBe('Warm up');
    expect((await call<unknown[]>('periods:list', { sessionId })).length).toBe(3);
  });

  it('processing stores whole-session and per-period results with quality, warnings and series', async () => {
    await call('jobs:start', { sessionId });
    await core.jobs.whenIdle(sessionId);
    const s = await call<{ processingStatus: string; reportPath: string }>('sessions:get', { id: sessionId });
    expect(s.processingStatus).toBe('COMPLETED');
    const res = await call<SessionResults>('results:list', { sessionId });
    expect(res.players).toHaveLength(3);
    const p = res.players[0];
    expect(p.stale).toEqual([]);
    expect(p.quality!.gnss!.sampleRateHz).toBeCloseTo(10, 6);
    expect(p.quality!.steps.map((x) => x.id)).toEqual(['quality-gate', 'spikes', 'gaps', 'speed-source', 'smoothing']);
    // The 1 s chart series is stored with the result (packed, for the report); results:list leaves it out.
    expect(unpackPlayerSeries(core.ctx.repos.results.forSession(sessionId).find((r) => r.playerId === p.playerId)!.seriesPacked!).series.stepS).toBe(1);
    expect(p).not.toHaveProperty('series');
    expect(res.periods.map((x) => x.name)).toEqual(['Warm up', 'Drill A', 'Cool-down']);
    // Warm-up [0, 3 min) + Drill A [3, 6 min) cover all the data: their distances add up to the session's.
    for (const pl of res.players) {
      const per = (name: string) => res.periods.find((x) => x.name === name)!.rows.find((r) => r.playerId === pl.playerId)!;
      expect(per('Warm up').metrics.distance_m! + per('Drill A').metrics.distance_m!).toBeCloseTo(pl.metrics.distance_m!, 6);
      expect(per('Cool-down').coverage).toBe(0);
      expect(per('Cool-down').warnings[0]).toMatch(/no data from this unit in period "Cool-down"/);
    }
    // Every effort behind the counts is stored, and results:list returns them when asked: as many as
    // counted (per band, and per period by start time), and the sprint distances add up to the metric.
    expect(p).not.toHaveProperty('efforts');
    const withEfforts = await call<SessionResults>('results:list', { sessionId, efforts: true });
    for (const pl of withEfforts.players) {
      const ef = pl.efforts!;
      expect(ef.sprints).toHaveLength(pl.metrics.sprint_efforts!);
      expect(ef.sprints.reduce((a, e) => a + e.distanceM, 0)).toBeCloseTo(pl.metrics.sprint_effort_distance_m!, 1);
      ef.accels.forEach((b, i) => expect(b.efforts).toHaveLength(pl.metrics[`accel_efforts_${i + 1}`]!));
      ef.decels.forEach((b, i) => expect(b.efforts).toHaveLength(pl.metrics[`decel_efforts_${i + 1}`]!));
      const drill = res.periods.find((x) => x.name === 'Drill A')!;
      const inDrill = ef.accels[0].efforts.filter((e) => e.startMs >= drill.startMs && e.startMs < drill.endMs);
      expect(inDrill).toHaveLength(drill.rows.find((r) => r.playerId === pl.playerId)!.metrics.accel_efforts_1!);
    }
    expect(withEfforts.players.reduce((a, pl) => a + pl.efforts!.accels[0].efforts.length, 0)).toBeGreaterThan(0);
    const html = readFileSync(s.reportPath, 'utf8');
    for (const text of ['<h2>Periods</h2>', 'Drill A', '<h2>Data quality</h2>', 'Cleaning rules', `Algorithm version <strong>${ALGORITHM_VERSION}</strong>`, 'quality.maxHdop', 'Efforts, one by one']) {
      expect(html).toContain(text);
    }
  });

  it('display units change how results read, never what is stored or whether it is current', async () => {
    const before = await call<SessionResults>('results:list', { sessionId });
    expect(before.display).toEqual({ speed: 'km/h', distance: 'm' });
    const info = await call<{ key: string; settings: unknown }>('settings:get', {});
    await call('settings:update', { settings: { ...(info.settings as object), display: { speed: 'm/s', distance: 'yd' } } });
    const after = await call<SessionResults>('results:list', { sessionId });
    expect(after.display).toEqual({ speed: 'm/s', distance: 'yd' });
    expect(after.current.settingsKey).toBe(info.key);
    expect(after.players.map((p) => p.stale)).toEqual(before.players.map(() => []));
    expect(after.players.map((p) => p.metrics)).toEqual(before.players.map((p) => p.metrics));
    // Labels follow the display units: the HSR band edge reads 5.5 m/s instead of 19.8 km/h.
    expect(before.catalogue.find((d) => d.key === 'band4_distance_m')!.label).toBe('Distance 19.8–25.2 km/h');
    expect(after.catalogue.find((d) => d.key === 'band4_distance_m')!.label).toBe('Distance 5.5–7 m/s');
    await call('settings:reset', {});
  });

  it('a settings change marks results as computed with older settings and recomputes nothing', async () => {
    const before = await call<SessionResults>('results:list', { sessionId });
    const info = await call<{ key: string; settings: { quality: { maxHdop: number } } }>('settings:update', {
      settings: { quality: { maxHdop: 1.5 } },
    });
    expect(info.settings.quality.maxHdop).toBe(1.5);
    const after = await call<SessionResults>('results:list', { sessionId });
    expect(after.players.every((p) => p.stale.includes('settings'))).toBe(true);
    expect(after.players[0].metrics).toEqual(before.players[0].metrics);
    expect(after.current.settingsKey).toBe(info.key);
    // Processing again, explicitly, brings them up to date.
    await call('jobs:start', { sessionId });
    await core.jobs.whenIdle(sessionId);
    const again = await call<SessionResults>('results:list', { sessionId });
    expect(again.players.every((p) => p.stale.length === 0)).toBe(true);
    await call('settings:reset', {});
  });

  it('editing a period marks results stale for the periods', async () => {
    const periods = await call<{ id: string }[]>('periods:list', { sessionId });
    await call('periods:delete', { id: periods[2].id });
    const res = await call<SessionResults>('results:list', { sessionId });
    expect(res.players[0].stale).toContain('periods');
  });

  it('moving the session window marks results stale for the window; processing again clears it', async () => {
    const before = await call<SessionResults>('results:list', { sessionId });
    expect(before.players.every((p) => !p.stale.includes('window'))).toBe(true);
    await call('sessions:update', { id: sessionId, endMs: start + 12 * 60_000 });
    const after = await call<SessionResults>('results:list', { sessionId });
    expect(after.players.every((p) => p.stale.includes('window'))).toBe(true);
    expect(after.players[0].metrics).toEqual(before.players[0].metrics);
    await call('jobs:start', { sessionId });
    await core.jobs.whenIdle(sessionId);
    const again = await call<SessionResults>('results:list', { sessionId });
    expect(again.players.map((p) => p.stale)).toEqual(again.players.map(() => []));
  });

  it('a file linked to a player after processing marks only that player stale for the data', async () => {
    const session = await call<{ participants: { playerId: string; unitId: string }[] }>('sessions:get', { id: sessionId });
    const late = join(root, 'late-gps.csv');
    writeFileSync(late, 'time,lat,lon\n');
    const p0 = session.participants[0];
    core.ctx.repos.sessions.attachFile(sessionId, { unitId: p0.unitId, format: 'player1-gps-csv', size: 14, sourceName: 'late/gps.csv', externalPath: late }, Date.now());
    const res = await call<SessionResults>('results:list', { sessionId });
    expect(res.players.find((p) => p.playerId === p0.playerId)!.stale).toEqual(['data']);
    expect(res.players.filter((p) => p.playerId !== p0.playerId).every((p) => p.stale.length === 0)).toBe(true);
  });
});
