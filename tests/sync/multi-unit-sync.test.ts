/**
 * A player wearing a pod and a watch, synced (docs/sync.md): the bundle says every unit the player
 * wore and the choice of units, the metrics say which unit each kind of data came from, and the
 * central server's roster gains the watch as the player's, so a second laptop pulling the roster
 * knows who wears it. A real core on a SQLite file, the real server on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startTestCore, type TestCore } from '../support/core.ts';
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { importPodAndWatch, POD_AND_WATCH_PLAYER, WATCH_DEVICE_ID, writePodAndWatch } from '../support/pod-and-watch.ts';
import { makeBundle, post } from '../support/sync-fixtures.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken } from '../../src/server/tokens.ts';

const hasPg = findPostgresBin() !== null;
if (!hasPg) console.warn(POSTGRES_MISSING);
const POD = POD_AND_WATCH_PLAYER.deviceId;

describe.skipIf(!hasPg)('a player of two units, synced', () => {
  let pgc: TestPostgres;
  let server: RunningServer;
  let a: TestCore;
  let b: TestCore;
  let token: string;

  beforeAll(async () => {
    pgc = await startPostgres();
    server = await startServer({ databaseUrl: pgc.createDatabase('multi_unit_sync'), port: 0, pollMs: 30, log: () => {} });
    token = (await createToken(server.pool, 'First team')).token;
    const sender = { sender: { backoff: { baseMs: 10, capMs: 50 }, pollMs: 20, timeoutMs: 5000 } };
    a = startTestCore({ sync: sender });
    b = startTestCore({ sync: sender });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
    pgc?.stop();
  });

  it('sends every unit worn, the choice and what each kind came from; the server roster gains the watch as the player’s', async () => {
    const files = writePodAndWatch(makeTempDir('p1-multi-unit-sync-'));
    const s = await a.call('sessions:create', { name: 'pod and watch', startMs: files.startMs, endMs: files.endMs });
    await importPodAndWatch(a, s.id, files);
    const p = (await a.call('sessions:get', { id: s.id })).participants[0];
    const pod = p.units!.find((u) => u.deviceId === POD)!;
    const watch = p.units!.find((u) => u.deviceId === WATCH_DEVICE_ID)!;
    // Heart rate chosen from the watch (it is also the default: the pod has none); GNSS and accelerometer automatic.
    await a.call('sessions:setSources', { id: s.id, playerId: p.playerId, sources: { hr: watch.unitId } });
    await a.call('jobs:start', { sessionId: s.id });
    await a.core.jobs.whenIdle(s.id);
    await a.call('sync:saveSettings', { serverUrl: server.url, caFile: null, token });
    await a.core.sync.sender.drain(Date.now() + 20_000);
    expect(await a.call('sync:status')).toMatchObject({ pending: 0, synced: 1, failed: 0 });

    const row = (await server.pool.query('SELECT payload FROM sessions WHERE session_id = $1', [s.id])).rows[0];
    expect(row.payload.participants).toEqual([
      {
        player_id: p.playerId,
        player_name: 'Max Roberts',
        position: 'FB',
        unit_id: pod.unitId,
        device_id: POD,
        units: [
          { unit_id: pod.unitId, device_id: POD },
          { unit_id: watch.unitId, device_id: WATCH_DEVICE_ID },
        ],
        sources: { hr: watch.unitId },
      },
    ]);
    // The pod is 10 Hz with no heart rate, the watch 1 Hz: GNSS and accelerometer from the pod by the default rule, heart rate as chosen.
    expect(row.payload.metrics.players[0].sources).toEqual({
      gnss: { device_id: POD, how: 'automatic', why: 'the highest GNSS rate, 10 Hz' },
      imu: { device_id: POD, how: 'automatic', why: 'the only unit with accelerometer data' },
      hr: { device_id: WATCH_DEVICE_ID, how: 'chosen', why: 'chosen on the session page' },
    });
    // The same as the laptop's own result says.
    const mine = (await a.call('results:list', { sessionId: s.id })).players[0];
    expect(row.payload.metrics.players[0].sources.hr.device_id).toBe(mine.sources!.used.hr!.deviceId);
    expect(row.payload.metrics.players[0].metrics.hr_mean_bpm).toBe(mine.metrics.hr_mean_bpm);

    const roster = await (await fetch(`${server.url}/v1/roster`, { headers: { authorization: `Bearer ${token}` } })).json();
    const units = (roster as { units: { unit_id: string; device_id: string; player_id: string | null }[] }).units;
    expect(units.map((u) => [u.device_id, u.unit_id, u.player_id])).toEqual([
      [POD, pod.unitId, p.playerId],
      [WATCH_DEVICE_ID, watch.unitId, p.playerId],
    ]);
  });

  it('a second laptop pulling the roster learns that the player wears both units', async () => {
    await b.call('sync:saveSettings', { serverUrl: server.url, caFile: null, token });
    await b.call('sync:pullRoster');
    const players = await b.call('players:list');
    const max = players.find((x) => x.name === 'Max Roberts')!;
    expect(max).toBeDefined();
    const units = await b.call('units:list');
    expect(units.filter((u) => u.defaultPlayerId === max.id).map((u) => u.deviceId).sort()).toEqual([POD, WATCH_DEVICE_ID]);
  });

  it('a bundle of an earlier session arriving later does not move the watch back to whoever wore it then; a later one does', async () => {
    const teamUnits = async () =>
      (await server.pool.query<{ device_id: string; player_id: string }>("SELECT device_id, player_id FROM roster_units WHERE device_id = 'WATCH-7'")).rows.map((r) => r.player_id);
    const max = (await server.pool.query<{ player_id: string }>("SELECT player_id FROM roster_players WHERE name = 'Max Roberts'")).rows[0].player_id;
    const watchId = (await server.pool.query<{ unit_id: string }>("SELECT unit_id FROM roster_units WHERE device_id = 'WATCH-7'")).rows[0].unit_id;
    const sessionStart = (await server.pool.query<{ start_ms: string }>("SELECT start_ms FROM sessions WHERE name = 'pod and watch'")).rows[0].start_ms;
    const samWithWatch = [{ player_id: 'sam', player_name: 'Sam Lee', position: 'CB', unit_id: watchId, device_id: WATCH_DEVICE_ID, units: [{ unit_id: watchId, device_id: WATCH_DEVICE_ID }] }];
    const applied = async (bundleId: string) => {
      for (let i = 0; i < 400; i++) {
        const st = (await server.pool.query<{ status: string }>('SELECT status FROM bundles WHERE bundle_id = $1', [bundleId])).rows[0]?.status;
        if (st === 'applied') return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`bundle ${bundleId} not applied`);
    };
    // A week earlier Sam Lee wore the watch; that session's bundle reaches the server only now.
    const earlier = makeBundle({ startMs: Number(sessionStart) - 7 * 86_400_000, participants: samWithWatch });
    expect((await post(server.url, token, earlier)).status).toBe(202);
    await applied(earlier.bundleId);
    expect(await teamUnits()).toEqual([max]);
    // A week later he wears it again: the roster follows.
    const later = makeBundle({ startMs: Number(sessionStart) + 7 * 86_400_000, participants: samWithWatch });
    expect((await post(server.url, token, later)).status).toBe(202);
    await applied(later.bundleId);
    expect(await teamUnits()).toEqual(['sam']);
  });
});
