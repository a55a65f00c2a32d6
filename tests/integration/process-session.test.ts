/**
 * The whole loop on a real SQLite file and the real piscina pool: import the sample folder,
 * process, check every player's numbers against a naive independent computation (and against
 * the pandas reference where its definition is the same), and check the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCore, makeTempDir, type TestCore } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_DEVICE_IDS, SAMPLE_OPTIONS } from '../support/sample.ts';
import { naiveCsv, naiveGnssGaps, naivePlayerLoad, naiveTimeWeightedHr } from '../support/naive.ts';
import { pandasUnavailable, runPandasRef } from '../support/pandas-ref.ts';
import type { EventName } from '../../src/shared/api/channels.ts';

const START = SAMPLE_OPTIONS.startMs;
const END = START + SAMPLE_OPTIONS.minutes * 60_000;

let t: TestCore;
const events: { event: EventName; payload: unknown }[] = [];
beforeAll(() => {
  t = startTestCore();
  t.core.events.onAny((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await t.close();
});

async function newSession(name: string, folder = SAMPLE_DIR) {
  const s = await t.call('sessions:create', { name, startMs: START, endMs: END });
  const imp = await t.call('sessions:importFolder', { id: s.id, folder });
  return { s, imp };
}

describe('Process Report end to end (real SQLite, real worker pool)', () => {
  it('imports the sample folder: units, players, files copied into the raw store', async () => {
    const { imp } = await newSession('import check');
    expect(imp.units.map((u) => u.deviceId).sort()).toEqual(SAMPLE_DEVICE_IDS);
    expect(imp.warnings).toEqual([]);
    const meta = readFileSync(join(SAMPLE_DIR, 'meta.csv'), 'utf8').trim().split('\n').slice(1);
    for (const line of meta) {
      const [dev, name, pos] = line.split(',');
      const u = imp.units.find((x) => x.deviceId === dev)!;
      expect(u.playerName).toBe(name);
      expect(u.position).toBe(pos);
      expect(u.firstMs).toBe(START);
    }
    const s = await t.call('sessions:get', { id: imp.session.id });
    expect(s.participants).toHaveLength(5);
    for (const p of s.participants) {
      expect(p.files.map((f) => f.format).sort()).toEqual(['player1-gps-csv', 'player1-imu-csv']);
      for (const f of p.files) {
        expect(f.path.startsWith(join(t.dataDir, 'raw'))).toBe(true);
        expect(readFileSync(f.path)).toEqual(readFileSync(join(SAMPLE_DIR, f.sourceName)));
      }
    }
    // Importing the same folder again is a no-op for the roster.
    await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
    expect(await t.call('players:list')).toHaveLength(5);
    expect(await t.call('units:list')).toHaveLength(5);
  });

  it('goes QUEUED → PROCESSING → COMPLETED, pushes progress, stores results that match an independent computation', async () => {
    const { s } = await newSession('full run');
    events.length = 0;
    const started = await t.call('jobs:start', { sessionId: s.id });
    expect(started.status).toBe('QUEUED');
    await t.core.jobs.whenIdle(s.id);

    const statuses = events
      .filter((e) => e.event === 'sessions:changed' && (e.payload as { sessionId: string }).sessionId === s.id)
      .map((e) => (e.payload as { status: string }).status);
    expect(statuses).toEqual(['QUEUED', 'PROCESSING', 'COMPLETED']);
    const progress = events.filter((e) => e.event === 'jobs:progress').map((e) => e.payload as { deviceId: string; stage: string; fraction: number });
    for (const dev of SAMPLE_DEVICE_IDS) {
      const mine = progress.filter((p) => p.deviceId === dev);
      expect(mine.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
      // Once, after the result was stored (the worker's own end of work is not "done").
      expect(mine.filter((p) => p.stage === 'done')).toHaveLength(1);
      expect(mine.some((p) => p.stage === 'reading')).toBe(true);
    }

    const done = await t.call('sessions:get', { id: s.id });
    expect(done.processingStatus).toBe('COMPLETED');
    expect(done.lastProcessedAt).not.toBeNull();
    expect(done.reportPath).toBe(join(t.dataDir, 'reports', s.id, 'report.html'));

    const results = await t.call('results:list', { sessionId: s.id });
    expect(results.players).toHaveLength(5);
    for (const p of results.players) {
      // PlayerLoad is the formula on the raw 100 Hz samples: a naive loop over the CSV is its peer.
      expect(p.metrics.player_load).toBeCloseTo(naivePlayerLoad(naiveCsv(join(SAMPLE_DIR, p.deviceId, 'imu.csv'))), 8);
      expect(p.algorithmVersion).toBeTruthy();
      // The gaps listed in the data quality are the ones a plain scan of the GPS file finds.
      const gaps = naiveGnssGaps(naiveCsv(join(SAMPLE_DIR, p.deviceId, 'gps.csv')));
      expect(gaps.length).toBeGreaterThan(0);
      expect(p.quality?.gnss?.gapList).toEqual(gaps.map((g) => ({ startMs: g.startMs, durationS: expect.closeTo(g.durationS, 9) })));
      expect(p.quality?.gnss?.gaps).toBe(gaps.length);
    }
    const mean = results.players.reduce((a, p) => a + (p.metrics.distance_m ?? 0), 0) / 5;
    expect(results.team.mean.distance_m).toBeCloseTo(mean, 9);

    // The report: one self-contained file listing every player.
    const html = readFileSync(done.reportPath!, 'utf8');
    for (const p of results.players) expect(html).toContain(`>${p.playerName} <small><span class="unit">${p.deviceId}</span></small></th>`);
    // Under the data quality, each unit's gaps one by one: how many, and each one's length to 0.1 s.
    const gapItems = [...html.matchAll(/<li data-player="([^"]+)"><strong>[^<]+<\/strong> \(([^)]+)\): (\d+) gaps?, ([\d.,]+) s in all: ([^<]+)<\/li>/g)];
    expect(gapItems.map((m) => m[2]).sort()).toEqual([...SAMPLE_DEVICE_IDS].sort());
    for (const m of gapItems) {
      const gaps = naiveGnssGaps(naiveCsv(join(SAMPLE_DIR, m[2], 'gps.csv')));
      expect(Number(m[3])).toBe(gaps.length);
      expect([...m[5].matchAll(/\((\d+\.\d) s\)/g)].map((d) => d[1])).toEqual(gaps.map((g) => g.durationS.toFixed(1)));
    }
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?\/\//i);
  });

  it('agrees with the pandas reference where the definitions are the same', async (ctx) => {
    const why = pandasUnavailable();
    if (why) {
      ctx.skip(why);
      return;
    }
    const ref = runPandasRef(SAMPLE_DIR);
    const { s } = await newSession('pandas check');
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    const results = await t.call('results:list', { sessionId: s.id });
    for (const p of results.players) {
      const r = ref.get(p.deviceId)!;
      // Same cleaning (HDOP/satellite gate, speed spikes, gaps <= 2 s interpolated on the 10 Hz
      // grid) and haversine steps: the distance on the track must agree (the reference leaves the
      // gaps out; ours adds the distance estimated across them, reported apart). 6 decimals printed.
      expect(p.metrics.distance_measured_m! + p.metrics.distance_interpolated_m!).toBeCloseTo(r.total_distance_m, 4);
      expect(p.metrics.distance_m!).toBeCloseTo(r.total_distance_m + p.metrics.distance_estimated_m!, 4);
      expect(p.metrics.player_load).toBeCloseTo(r.player_load, 5);
      // The reference's HR mean is the plain mean of the samples; ours is time-weighted (each sample
      // counts for half the step on either side, gap limit 2 s at 10 Hz): its peer is the plain loop.
      expect(p.metrics.hr_mean_bpm).toBeCloseTo(naiveTimeWeightedHr(naiveCsv(join(SAMPLE_DIR, p.deviceId, 'gps.csv')), 2000), 6);
      expect(p.metrics.hr_max_bpm).toBe(r.hr_max);
    }
  });

  it('a corrupt gps.csv fails the run naming that unit; other results and the earlier report are kept', async () => {
    const { s } = await newSession('corrupt run');
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    const first = await t.call('sessions:get', { id: s.id });
    const firstReport = readFileSync(first.reportPath!, 'utf8');
    const firstResults = await t.call('results:list', { sessionId: s.id });

    // Same folder, but P1-1003's gps.csv has a broken line 7.
    const bad = makeTempDir();
    cpSync(SAMPLE_DIR, bad, { recursive: true });
    const gpsPath = join(bad, 'P1-1003', 'gps.csv');
    const lines = readFileSync(gpsPath, 'utf8').split('\n');
    lines[6] = '1773482400600,51.55,NOT-A-NUMBER,1.0,1.0,9,120';
    writeFileSync(gpsPath, lines.join('\n'));
    await t.call('sessions:importFolder', { id: s.id, folder: bad });

    events.length = 0;
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    const failed = await t.call('sessions:get', { id: s.id });
    expect(failed.processingStatus).toBe('FAILED');
    expect(failed.error).toMatchObject({ scope: 'unit', deviceId: 'P1-1003', code: 'CSV_VALUE', file: 'P1-1003/gps.csv', line: 7 });
    expect(failed.error!.playerName).toBe(failed.participants.find((p) => p.deviceId === 'P1-1003')!.playerName);
    expect(failed.error!.message).toMatch(/P1-1003\/gps\.csv line 7: column 'lon': "NOT-A-NUMBER" is not a number/);
    const failEvent = events.find((e) => e.event === 'jobs:progress' && (e.payload as { stage: string }).stage === 'failed');
    expect(failEvent?.payload).toMatchObject({ deviceId: 'P1-1003' });

    // Nothing computed or written before is lost.
    expect(failed.reportPath).toBe(first.reportPath);
    expect(readFileSync(failed.reportPath!, 'utf8')).toBe(firstReport);
    const after = await t.call('results:list', { sessionId: s.id });
    expect(after.players).toHaveLength(5);
    for (const p of after.players) {
      const before = firstResults.players.find((x) => x.playerId === p.playerId)!;
      if (p.deviceId === 'P1-1003') expect(p.computedAt).toBe(before.computedAt); // the old result stays
      else expect(p.computedAt).toBeGreaterThanOrEqual(before.computedAt);
      expect(p.metrics).toEqual(before.metrics);
    }
    // And it can be processed again once the data is fixed.
    await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    expect((await t.call('sessions:get', { id: s.id })).processingStatus).toBe('COMPLETED');
  });

  it('a stored file that vanished fails naming the unit', async () => {
    // Give P1-1005 a gps.csv no other session shares (one extra newline), then lose it from the store.
    const isolated = makeTempDir();
    cpSync(SAMPLE_DIR, isolated, { recursive: true });
    writeFileSync(join(isolated, 'P1-1005', 'gps.csv'), `${readFileSync(join(SAMPLE_DIR, 'P1-1005', 'gps.csv'), 'utf8')}\n`);
    const { imp } = await newSession('missing file', isolated);
    const p = imp.session.participants.find((x) => x.deviceId === 'P1-1005')!;
    const stored = p.files.find((f) => f.format === 'player1-gps-csv')!;
    rmSync(stored.path);
    await t.call('jobs:start', { sessionId: imp.session.id });
    await t.core.jobs.whenIdle(imp.session.id);
    const failed = await t.call('sessions:get', { id: imp.session.id });
    expect(failed.processingStatus).toBe('FAILED');
    expect(failed.error).toMatchObject({
      deviceId: 'P1-1005',
      code: 'FILE_MISSING',
      file: stored.sourceName,
      message: `the app's stored copy of ${stored.sourceName} is missing (${stored.path}): import the unit's file again`,
    });
    // A folder where the file was: unreadable, named the same way (it was an internal error).
    mkdirSync(stored.path);
    await t.call('jobs:start', { sessionId: imp.session.id });
    await t.core.jobs.whenIdle(imp.session.id);
    const again = await t.call('sessions:get', { id: imp.session.id });
    expect(again.error).toMatchObject({ deviceId: 'P1-1005', code: 'FILE_UNREADABLE', file: stored.sourceName });
    expect(again.error!.message).toMatch(new RegExp(`^the app's stored copy of ${stored.sourceName.replace(/[./]/g, '\\$&')} cannot be read \\(it is a folder, not a file \\[EISDIR\\]\\): import the unit's file again$`));
  });

  it("a stored copy changed on disk (cut short, or same size with other bytes) fails naming the file; the unit's earlier result stays", async () => {
    // Give P1-1004 a gps.csv no other session shares (two extra newlines), process, then damage the copy.
    const isolated = makeTempDir();
    cpSync(SAMPLE_DIR, isolated, { recursive: true });
    writeFileSync(join(isolated, 'P1-1004', 'gps.csv'), `${readFileSync(join(SAMPLE_DIR, 'P1-1004', 'gps.csv'), 'utf8')}\n\n`);
    const { imp } = await newSession('damaged copy', isolated);
    const id = imp.session.id;
    await t.call('jobs:start', { sessionId: id });
    await t.core.jobs.whenIdle(id);
    const good = (await t.call('results:list', { sessionId: id })).players.find((p) => p.deviceId === 'P1-1004')!;
    const file = imp.session.participants.find((x) => x.deviceId === 'P1-1004')!.files.find((f) => f.format === 'player1-gps-csv')!;
    const whole = readFileSync(file.path, 'utf8');

    // Cut to its first half, on a line boundary: it still reads, as a shorter session would.
    const lines = whole.split('\n');
    const half = `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`;
    writeFileSync(file.path, half);
    await t.call('jobs:start', { sessionId: id });
    await t.core.jobs.whenIdle(id);
    let st = await t.call('sessions:get', { id });
    expect(st.processingStatus).toBe('FAILED');
    expect(st.error).toMatchObject({
      deviceId: 'P1-1004',
      code: 'FILE_CHANGED',
      file: 'P1-1004/gps.csv',
      message: `the app's stored copy of P1-1004/gps.csv has changed since it was imported (${file.size} bytes when imported, ${Buffer.byteLength(half)} now): it was damaged on disk; import the unit's file again`,
    });
    const kept = (await t.call('results:list', { sessionId: id })).players.find((p) => p.deviceId === 'P1-1004')!;
    expect(kept.computedAt).toBe(good.computedAt);
    expect(kept.metrics).toEqual(good.metrics);

    // The same size with one digit changed: only its hash tells.
    const i = whole.indexOf('\n') + 20;
    const flipped = whole.slice(0, i) + (whole[i] === '1' ? '2' : '1') + whole.slice(i + 1);
    writeFileSync(file.path, flipped);
    await t.call('jobs:start', { sessionId: id });
    await t.core.jobs.whenIdle(id);
    st = await t.call('sessions:get', { id });
    expect(st.error).toMatchObject({ deviceId: 'P1-1004', code: 'FILE_CHANGED' });
    expect(st.error!.message).toContain('(the same size, other content)');

    // Put back as imported, it processes again.
    writeFileSync(file.path, whole);
    await t.call('jobs:start', { sessionId: id });
    await t.core.jobs.whenIdle(id);
    expect((await t.call('sessions:get', { id })).processingStatus).toBe('COMPLETED');
  });

  it('refuses to start a session that cannot be processed, saying why', async () => {
    const s = await t.call('sessions:create', { name: 'empty', startMs: START, endMs: END });
    const r = await t.raw('jobs:start', { sessionId: s.id });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_STATE');
      expect(r.error.message).toMatch(/no participants/);
    }
    const p = await t.call('players:create', { name: 'No Data' });
    const u = await t.call('units:create', { deviceId: 'EMPTY-1' });
    await t.call('sessions:setParticipants', { id: s.id, participants: [{ playerId: p.id, unitId: u.id }] });
    const r2 = await t.raw('jobs:start', { sessionId: s.id });
    expect(!r2.ok && r2.error.message).toMatch(/No Data \(EMPTY-1\) has no data: import or download/);
    expect((await t.call('sessions:get', { id: s.id })).processingStatus).toBe('PENDING');
  });
});
