/**
 * The devices:* contract end to end on a real core (SQLite, raw store, event bus) with demo units
 * on in-process links: units appear and disappear; assignment on the spot; one click downloads
 * every unit in parallel into a session, each landed file byte-identical to what the simulated
 * unit holds (sha256 computed here from the emulator's source bytes), recorded and linked with
 * the unit's clock offset; the loose-cable unit fails naming itself, comes back, and its retry
 * resumes where it stopped; erase refuses what is not stored; cancel keeps verified bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '../../../src/shared/api/contract.ts';
import { demoClockOffsetMs, demoRecordingWindow, demoSpecs } from '../../../src/main/core/devices/sim/demo-scenario.ts';
import { shiftTimes } from '../../../src/main/core/devices/clock.ts';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { scenarioPlayers, simulateUnit } from '../../../src/main/core/sample/scenario.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';
import { startTestCore, type TestCore } from '../../support/core.ts';
import { unpackPlayerSeries } from '../../../src/shared/domain/series-codec.ts';

const T0 = Date.UTC(2026, 2, 14, 10, 0);
const WINDOW = { startMs: T0, endMs: T0 + 5 * 60_000 };
const id = (unit: string) => `player1:1209:5031:${unit}`;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** Records every event; `until` resolves once a predicate over the events holds. */
function recorder(core: TestCore['core']) {
  const seen: { event: EventName; payload: unknown }[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  core.events.onAny((event, payload) => {
    seen.push({ event, payload });
    for (const w of [...waiters]) if (w.test()) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const of = <E extends EventName>(e: E) => seen.filter((s) => s.event === e).map((s) => s.payload as EventPayloads[E]);
  const until = (test: () => boolean) => (test() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve })));
  /** Whether `b` happened after the last `a`. */
  const after = (a: (s: (typeof seen)[number]) => boolean, b: (s: (typeof seen)[number]) => boolean) => {
    const i = seen.findLastIndex(a);
    return i >= 0 && seen.slice(i + 1).some(b);
  };
  return { of, until, after };
}

function start(demo: { bytesPerSec?: number } = {}) {
  t = startTestCore({ devices: { demo: { inProcess: true, replugAfterMs: 200, ...demo }, debounceMs: 20 } });
  return { t, ev: recorder(t.core) };
}

describe('devices API with demo units (in-process links)', () => {
  it('demo units appear with their details and disappear when stopped', async () => {
    const { t, ev } = start();
    const s = await t.call('sessions:create', { name: 'Demo', ...WINDOW });
    const status = await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 3, faulty: 1 });
    expect(status).toEqual({ running: true, units: ['DEMO-01', 'DEMO-02', 'DEMO-03'], faulty: ['DEMO-02'] });
    await ev.until(() => new Set(ev.of('devices:attached').map((d) => d.unitId)).size === 3);
    const list = await t.call('devices:list');
    expect(list.devices.map((d) => d.unitId).sort()).toEqual(['DEMO-01', 'DEMO-02', 'DEMO-03']);
    for (const d of list.devices) {
      const i = Number(d.unitId.slice(5)) - 1;
      expect(d).toMatchObject({ deviceId: id(d.unitId), kind: 'player1', simulated: true, canDownload: true, canErase: true, player: null });
      // Measured at handshake from the round-trip midpoint: exact to within half the round trip
      // (+1 ms of rounding), however loaded the machine is.
      expect(d.clockUncertaintyMs).not.toBeNull();
      expect(Math.abs(d.clockOffsetMs! - demoClockOffsetMs(i))).toBeLessThanOrEqual(d.clockUncertaintyMs! + 1);
    }
    expect(list.discovery).toEqual({ hardware: false, hotplug: true, demoAllowed: true, problems: [] });

    expect(await t.call('devices:demo', { action: 'stop' })).toEqual({ running: false, units: [], faulty: [] });
    expect(new Set(ev.of('devices:detached').map((d) => d.unitId))).toEqual(new Set(['DEMO-01', 'DEMO-02', 'DEMO-03']));
    expect((await t.call('devices:list')).devices).toEqual([]);
  });

  it('downloads every unit into the session, verified and linked with its clock offset; the failing unit names itself and its retry resumes', async () => {
    const { t, ev } = start({ bytesPerSec: 8 * 1024 * 1024 });
    const s = await t.call('sessions:create', { name: 'Tuesday', ...WINDOW });
    const alex = await t.call('players:create', { name: 'Alex Okafor', position: 'CM' });
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 3, faulty: 1 });
    await ev.until(() => new Set(ev.of('devices:attached').map((d) => d.unitId)).size === 3);
    const specs = demoSpecs({ window: WINDOW, units: 3 }); // the simulated units' flash, recomputed here
    const expected = specs.map((u) => sha256(u.recordings[1].bytes));

    // Assignment on the spot: an existing player, and a new one typed in; both join the session.
    const a1 = await t.call('devices:assign', { deviceId: id('DEMO-01'), playerId: alex.id, sessionId: s.id });
    expect(a1).toMatchObject({ unit: { deviceId: 'DEMO-01', defaultPlayerId: alex.id }, player: { id: alex.id }, linkedFiles: 0 });
    expect(a1.device?.player).toEqual({ id: alex.id, name: 'Alex Okafor' });
    const a3 = await t.call('devices:assign', { deviceId: id('DEMO-03'), newPlayer: { name: 'Sam Silva' }, sessionId: s.id });
    expect(a3.player.name).toBe('Sam Silva');
    expect((await t.call('units:list')).map((u) => u.deviceId).sort()).toEqual(['DEMO-01', 'DEMO-03']);

    const started = await t.call('devices:download', { sessionId: s.id });
    expect(started.started.sort()).toEqual([id('DEMO-01'), id('DEMO-02'), id('DEMO-03')]);
    await ev.until(() => ev.of('devices:done').length + ev.of('devices:failed').length === 3);

    const failed = ev.of('devices:failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ deviceId: id('DEMO-02'), unitId: 'DEMO-02', sessionId: s.id, code: 'DISCONNECTED' });
    expect(failed[0].message).toMatch(/^DEMO-02: link lost/);
    expect(failed[0].bytesVerified).toBeGreaterThan(0);
    expect(failed[0].bytesVerified).toBeLessThan(specs[1].recordings[1].bytes.length);

    for (const [i, unit] of [[0, 'DEMO-01'], [2, 'DEMO-03']] as const) {
      const done = ev.of('devices:done').find((d) => d.unitId === unit)!;
      expect(done.files).toHaveLength(1); // yesterday's recording is outside the window: left on the unit
      const f = done.files[0];
      expect(f).toMatchObject({ recordingId: '2', format: 'p1', sourceName: `${unit}/rec-2.p1`, sha256: expected[i], size: specs[i].recordings[1].bytes.length });
      expect(Math.abs(f.clockOffsetMs - demoClockOffsetMs(i))).toBeLessThanOrEqual(f.clockUncertaintyMs + 1);
      expect(done.player?.name).toBe(i === 0 ? 'Alex Okafor' : 'Sam Silva');
      const last = ev.of('devices:progress').filter((p) => p.unitId === unit).at(-1)!;
      expect(last).toMatchObject({ sessionId: s.id, bytesDone: f.size, bytesTotal: f.size });
    }

    // Linked to the session for each player, with the clock offset the worker will subtract.
    const session = await t.call('sessions:get', { id: s.id });
    const byUnit = new Map(session.participants.map((p) => [p.deviceId, p]));
    for (const [i, unit] of [[0, 'DEMO-01'], [2, 'DEMO-03']] as const) {
      const [file] = byUnit.get(unit)!.files;
      expect(file).toMatchObject({ format: 'p1', sourceName: `${unit}/rec-2.p1`, sha256: expected[i] });
      // The link keeps exactly the offset the download measured.
      expect(file.clockOffsetMs).toBe(ev.of('devices:done').find((d) => d.unitId === unit)!.files[0].clockOffsetMs);
      expect(sha256(readFileSync(file.path))).toBe(expected[i]); // the stored copy itself
    }

    // The loose cable: the unit dropped out and comes back by itself; Retry resumes.
    const is = (event: EventName) => (x: { event: EventName; payload: unknown }) => x.event === event && (x.payload as { unitId: string }).unitId === 'DEMO-02';
    await ev.until(() => ev.after(is('devices:detached'), is('devices:attached')));
    const retry = await t.call('devices:download', { sessionId: s.id, deviceIds: [id('DEMO-02')] });
    expect(retry.started).toEqual([id('DEMO-02')]);
    await ev.until(() => ev.of('devices:done').some((d) => d.unitId === 'DEMO-02'));
    const d2 = ev.of('devices:done').find((d) => d.unitId === 'DEMO-02')!;
    expect(d2.files[0]).toMatchObject({ sha256: expected[1], alreadyStored: false, resumedFromOffset: failed[0].bytesVerified });
    expect(d2.player).toBeNull();
    expect(d2.warnings).toEqual(['DEMO-02 is not assigned to a player: assign it to include its data in the report']);

    // Assigned afterwards, with the session: its downloaded file becomes the player's.
    const a2 = await t.call('devices:assign', { deviceId: id('DEMO-02'), newPlayer: { name: 'Jordan Novak' }, sessionId: s.id });
    expect(a2.linkedFiles).toBe(1);
    const after = await t.call('sessions:get', { id: s.id });
    expect(after.participants.map((p) => [p.playerName, p.deviceId, p.files.map((f) => f.sha256)]).sort()).toEqual(
      [
        ['Alex Okafor', 'DEMO-01', [expected[0]]],
        ['Jordan Novak', 'DEMO-02', [expected[1]]],
        ['Sam Silva', 'DEMO-03', [expected[2]]],
      ].sort(),
    );

    // Every landed file is in the download log, with its unit, recording, offset and session.
    const log = t.core.ctx.repos.downloads.forSession(s.id);
    expect(log.map((r) => [r.unitCode, r.recordingId, r.sha256, r.format]).sort()).toEqual(
      [['DEMO-01', '2', expected[0], 'p1'], ['DEMO-02', '2', expected[1], 'p1'], ['DEMO-03', '2', expected[2], 'p1']].sort(),
    );
    expect(log.find((r) => r.unitCode === 'DEMO-02')!.resumedFrom).toBe(failed[0].bytesVerified);
  });

  it('erases only recordings whose verified copy is stored, and only when asked', async () => {
    const { t, ev } = start({ bytesPerSec: 8 * 1024 * 1024 });
    const s = await t.call('sessions:create', { name: 'Erase', ...WINDOW });
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 1, faulty: 0 });
    await ev.until(() => ev.of('devices:attached').length > 0);
    const flash = (await t.core.ctx.devices!.get()).runtime.demoUnits!.specs[0].recordings;
    expect(flash.map((r) => r.id)).toEqual([1, 2]);

    // Nothing downloaded yet: every recording is refused, and nothing is erased.
    const before = await t.call('devices:recordings', { deviceId: id('DEMO-01') });
    expect(before.recordings.map((r) => [r.recordingId, r.stored])).toEqual([['1', false], ['2', false]]);
    const refused = await t.raw('devices:erase', { deviceId: id('DEMO-01'), recordingIds: ['2'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(flash.map((r) => r.id)).toEqual([1, 2]);

    await t.call('devices:download', { sessionId: s.id });
    await ev.until(() => ev.of('devices:done').length === 1);
    const listed = await t.call('devices:recordings', { deviceId: id('DEMO-01') });
    expect(listed.recordings.map((r) => [r.recordingId, r.stored])).toEqual([['1', false], ['2', true]]);

    // Asking for both: refused as a whole, naming the one without a copy.
    const both = await t.raw('devices:erase', { deviceId: id('DEMO-01'), recordingIds: ['1', '2'] });
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.error.message).toMatch(/^DEMO-01: nothing erased: recording 1: no verified copy/);
    expect(flash.map((r) => r.id)).toEqual([1, 2]);

    expect(await t.call('devices:erase', { deviceId: id('DEMO-01'), recordingIds: ['2'] })).toEqual({ deviceId: id('DEMO-01'), unitId: 'DEMO-01', erased: ['2'], kept: [] });
    expect(flash.map((r) => r.id)).toEqual([1]);
  });

  it('cancel stops one unit, names it, and keeps its verified bytes', async () => {
    const { t, ev } = start({ bytesPerSec: 512 * 1024 });
    const s = await t.call('sessions:create', { name: 'Cancel', ...WINDOW });
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 1, faulty: 0 });
    await ev.until(() => ev.of('devices:attached').length > 0);
    await t.call('devices:download', { sessionId: s.id });
    await ev.until(() => ev.of('devices:progress').some((p) => p.bytesDone > 64 * 1024));
    expect(await t.call('devices:cancel', { deviceId: id('DEMO-01') })).toEqual({ cancelled: true });
    await ev.until(() => ev.of('devices:failed').length === 1);
    const [f] = ev.of('devices:failed');
    expect(f).toMatchObject({ unitId: 'DEMO-01', code: 'CANCELLED' });
    expect(f.message).toMatch(/^DEMO-01: /);
    expect(f.bytesVerified).toBeGreaterThan(64 * 1024);
    expect((await t.call('devices:list')).downloads).toEqual([{ state: 'failed', ...f }]);
    expect(await t.call('devices:cancel', { deviceId: id('DEMO-01') })).toEqual({ cancelled: false });
  });

  it('Process Report on downloaded P1 files: the unit clocks are corrected, the results match the simulated players', async () => {
    const { t, ev } = start({ bytesPerSec: 16 * 1024 * 1024 });
    const s = await t.call('sessions:create', { name: 'Processed', ...WINDOW });
    await t.call('devices:demo', { action: 'start', sessionId: s.id, units: 2, faulty: 0 });
    await ev.until(() => new Set(ev.of('devices:attached').map((d) => d.unitId)).size === 2);
    for (const [unit, name] of [['DEMO-01', 'Alex'], ['DEMO-02', 'Sam']]) {
      await t.call('devices:assign', { deviceId: id(unit), newPlayer: { name }, sessionId: s.id });
    }
    await t.call('devices:download', { sessionId: s.id });
    await ev.until(() => ev.of('devices:done').length === 2);
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    expect((await t.call('sessions:get', { id: s.id })).processingStatus).toBe('COMPLETED');
    const results = await t.call('results:list', { sessionId: s.id });

    // Reference, computed without the app: the same simulated players in laptop time, straight
    // into the engine (no P1 file, no download, no clock correction).
    const rec = demoRecordingWindow(WINDOW);
    const minutes = Math.round((rec.endMs - rec.startMs) / 60_000);
    const players = scenarioPlayers(2);
    // Per-second mean speed over the window: shifted by the unit's clock, it would not line up.
    const mad = (a: (number | null)[], b: (number | null)[]) => {
      let sum = 0;
      let n = 0;
      a.forEach((x, k) => {
        if (x != null && b[k] != null) {
          sum += Math.abs(x - b[k]!);
          n++;
        }
      });
      return sum / n;
    };
    for (const [i, name] of [[0, 'Alex'], [1, 'Sam']] as const) {
      const u = simulateUnit({ players: i + 1, minutes, startMs: rec.startMs, seed: 20260314 }, i, players[i]);
      const engine = (gnssT: Float64Array) =>
        runEngine({ playerId: 'ref', gnss: { ...u.gnss, t: gnssT }, imu: u.imu, hr: u.hr, window: WINDOW, periods: [], settings: DEFAULT_SETTINGS });
      const ref = engine(u.gnss.t);
      // What ignoring the unit's clock would give: every time off by the unit's offset.
      const skewed = engine(shiftTimes(u.gnss.t, -demoClockOffsetMs(i)));
      const row = results.players.find((p) => p.playerName === name)!;
      // The stored result (the report draws its charts from it).
      const got = t.core.ctx.repos.results.forSession(s.id).find((r) => r.playerId === row.playerId)!;
      expect(got.metrics.duration_s).toBeCloseTo(ref.metrics.duration_s!, 1);
      const series = unpackPlayerSeries(got.seriesPacked!).series;
      expect(series.speedMs).toHaveLength(ref.series.speedMs.length);
      const err = mad(series.speedMs, ref.series.speedMs);
      const skew = mad(skewed.series.speedMs, ref.series.speedMs);
      expect(skew).toBeGreaterThan(0.1); // m/s: a clock off by seconds shows...
      expect(err).toBeLessThan(skew / 10); // ...and the app's series is the corrected one
    }
  });
});
