/**
 * Roster deletions end to end (docs/sync.md, "Roster deletions"): two real cores (laptops A and B,
 * SQLite files) and the real central server on a real PostgreSQL over HTTP on 127.0.0.1. A player
 * and a unit deleted on A go to the server through A's outbox and sender; the server stops
 * answering them in GET /v1/roster for the whole team (B's pull does not get them, A's own pull
 * does not add them back) and keeps the session results that name them. A send whose answer is
 * lost, a delivery duplicated on the way and a sender killed with its request on the wire are each
 * retried to one stored deletion, with synced_at set only once the server confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startTestCore, type TestCore } from '../support/core.ts';
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { makeBundle, post, sha256 } from '../support/sync-fixtures.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken } from '../../src/server/tokens.ts';

const hasPg = findPostgresBin() !== null;
if (!hasPg) console.warn(POSTGRES_MISSING);

interface Tomb {
  kind: string;
  id: string;
  synced_at: number | null;
}

describe.skipIf(!hasPg)('roster deletions: laptop → central server → the other laptops', () => {
  let pgc: TestPostgres;
  let server: RunningServer;
  let drop: FaultProxy;
  let dup: FaultProxy;
  let hold: FaultProxy;
  let a: TestCore;
  let b: TestCore;
  let tokenA: string;
  let tokenB: string;
  let tokenReserves: string;
  const seed = makeBundle({ players: 3, name: 'MD-1 training' });

  const count = async (sql: string, args: unknown[] = []): Promise<number> => (await server.pool.query<{ n: number }>(sql, args)).rows[0].n;
  const tombs = (t: TestCore): Tomb[] => t.core.ctx.db.prepare('SELECT kind, id, synced_at FROM roster_tombstones ORDER BY kind, id').all() as Tomb[];
  const deletionRows = (t: TestCore) =>
    t.core.ctx.db.prepare("SELECT bundle_id, state, attempts, last_error FROM sync_outbox WHERE session_id LIKE 'roster-deletion:%' ORDER BY id").all() as {
      bundle_id: string;
      state: string;
      attempts: number;
      last_error: string | null;
    }[];
  const roster = async (token: string) => (await (await fetch(`${server.url}/v1/roster`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    players: { player_id: string; name: string }[];
    units: { unit_id: string; device_id: string; player_id: string | null }[];
  };

  beforeAll(async () => {
    pgc = await startPostgres();
    server = await startServer({ databaseUrl: pgc.createDatabase('roster_deletions'), port: 0, pollMs: 20, log: () => {} });
    tokenA = (await createToken(server.pool, 'First team', 'laptop A')).token;
    tokenB = (await createToken(server.pool, 'First team', 'laptop B')).token;
    tokenReserves = (await createToken(server.pool, 'Reserves')).token;
    const target = { host: '127.0.0.1', port: server.port };
    drop = await startFaultProxy(target, { rate: 0, seed: 3, faults: ['drop-response'] });
    dup = await startFaultProxy(target, { rate: 0, seed: 4, faults: ['duplicate'] });
    hold = await startFaultProxy(target, { rate: 0, seed: 5 });
    const sender = { backoff: { baseMs: 10, capMs: 50 }, pollMs: 20, timeoutMs: 3000 };
    a = startTestCore({ sync: { sender } });
    b = startTestCore({ sync: { sender } });
    // The team's history: one session of three players (player-1..3 wearing unit-1..3, devices P1-1001..P1-1003), applied.
    expect((await post(server.url, tokenA, seed)).status).toBe(202);
    for (let i = 0; i < 400 && (await count("SELECT count(*)::int AS n FROM bundles WHERE status = 'applied'")) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await count('SELECT count(*)::int AS n FROM session_players WHERE session_id = $1', [seed.sessionId])).toBe(3);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const p of [drop, dup, hold]) await p?.close();
    await server?.close();
    pgc?.stop();
  });

  it('a player and a unit deleted on A: held back by A\'s pull at once, then sent (answer lost, sent again) to one stored deletion each', async () => {
    await a.call('sync:saveSettings', { serverUrl: drop.url, caFile: null, token: tokenA });
    const first = await a.call('sync:pullRoster');
    expect(first.playersAdded.map((p) => p.id).sort()).toEqual(['player-1', 'player-2', 'player-3']);
    expect(first.unitsAdded.map((u) => u.id).sort()).toEqual(['unit-1', 'unit-2', 'unit-3']);

    await a.call('players:delete', { id: 'player-2' });
    await a.call('units:delete', { id: 'unit-3' });
    expect(tombs(a)).toEqual([
      { kind: 'player', id: 'player-2', synced_at: null },
      { kind: 'unit', id: 'unit-3', synced_at: null },
    ]);

    // Not yet sent: the server still answers them, the laptop holds them back and says why.
    const before = await a.call('sync:pullRoster');
    expect(before.playersAdded).toEqual([]);
    expect(before.unitsAdded).toEqual([]);
    expect(before.skipped.map((s) => [s.kind, s.id, s.label, s.matchedBy, s.deletionSynced])).toEqual([
      ['player', 'player-2', 'Player 2', 'id', false],
      ['unit', 'unit-3', 'P1-1003', 'id', false],
    ]);
    expect((await a.call('players:list')).map((p) => p.id).sort()).toEqual(['player-1', 'player-3']);

    // Sent; the server commits each deletion but both answers are lost on the way back.
    const forwardedBefore = drop.forwarded; // the pulls went through this proxy too
    drop.set({ rate: 1 });
    expect(await a.core.sync.sender.runOnce()).toBe(2);
    expect(deletionRows(a).map((r) => [r.state, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    expect(deletionRows(a)[0].last_error).toMatch(/could not reach the server/);
    expect(tombs(a).map((t) => t.synced_at)).toEqual([null, null]);
    expect(await count('SELECT count(*)::int AS n FROM roster_deletions')).toBe(2);

    // Sent again (same key, same bytes): the server replays its answer, nothing is stored twice.
    drop.set({ rate: 0 });
    a.core.sync.outbox.dueNow(Date.now());
    await a.core.sync.sender.drain(Date.now() + 20_000);
    expect(deletionRows(a).map((r) => r.state)).toEqual(['synced', 'synced']);
    expect(tombs(a).every((t) => typeof t.synced_at === 'number')).toBe(true);
    // Two requests that reached the server and lost their answer, two that got the replay.
    expect(drop.forwarded - forwardedBefore).toBe(4);
    const stored = (await server.pool.query('SELECT deletion_id::text, kind, record_id, label, device_id FROM roster_deletions ORDER BY kind')).rows;
    expect(stored).toEqual([
      { deletion_id: deletionRows(a)[0].bundle_id, kind: 'player', record_id: 'player-2', label: 'Player 2', device_id: null },
      { deletion_id: deletionRows(a)[1].bundle_id, kind: 'unit', record_id: 'unit-3', label: 'P1-1003', device_id: 'P1-1003' },
    ]);
  });

  it('the server answers them no more, for the whole team, and keeps the session results that name them', async () => {
    const r = await roster(tokenB);
    expect(r.players.map((p) => p.player_id).sort()).toEqual(['player-1', 'player-3']);
    // unit-2 was worn by the deleted player: still answered, worn by nobody.
    expect(r.units.map((u) => [u.unit_id, u.player_id])).toEqual([
      ['unit-1', 'player-1'],
      ['unit-2', null],
    ]);
    // Laptop B (never had them) pulls: it does not get them.
    await b.call('sync:saveSettings', { serverUrl: server.url, caFile: null, token: tokenB });
    const pulled = await b.call('sync:pullRoster');
    expect(pulled.playersAdded.map((p) => p.id).sort()).toEqual(['player-1', 'player-3']);
    expect(pulled.unitsAdded.map((u) => u.id).sort()).toEqual(['unit-1', 'unit-2']);
    expect(pulled.skipped).toEqual([]);
    expect((await b.call('units:list')).find((u) => u.id === 'unit-2')!.defaultPlayerId).toBeNull();
    // A's own pull adds nothing back (and has nothing left to hold back).
    const again = await a.call('sync:pullRoster');
    expect([again.playersAdded, again.unitsAdded, again.skipped]).toEqual([[], [], []]);
    // History kept: the session's results and payload still name player-2 and P1-1003.
    expect((await server.pool.query('SELECT player_id FROM session_players WHERE session_id = $1 ORDER BY player_id', [seed.sessionId])).rows.map((x) => x.player_id)).toEqual(['player-1', 'player-2', 'player-3']);
    const s = (await (await fetch(`${server.url}/v1/sessions/${seed.sessionId}`, { headers: { authorization: `Bearer ${tokenB}` } })).json()) as { payload: { participants: { player_id: string; device_id: string }[] } };
    expect(s.payload.participants.map((p) => `${p.player_id}/${p.device_id}`)).toEqual(['player-1/P1-1001', 'player-2/P1-1002', 'player-3/P1-1003']);
    // A later bundle naming them (another laptop that still has them) does not bring them back.
    expect((await post(server.url, tokenB, makeBundle({ players: 3 }))).status).toBe(202);
    for (let i = 0; i < 400 && (await count("SELECT count(*)::int AS n FROM bundles WHERE status = 'accepted'")) > 0; i++) await new Promise((res) => setTimeout(res, 25));
    expect((await roster(tokenA)).players.map((p) => p.player_id).sort()).toEqual(['player-1', 'player-3']);
  });

  it('another team is not touched: its deletion of the same id hides nothing of this team', async () => {
    const body = JSON.stringify({ format: 'player1.roster-deletion/1', deletion_id: crypto.randomUUID(), kind: 'player', id: 'player-1', label: 'x', device_id: null, deleted_at_ms: 1 });
    const key = (JSON.parse(body) as { deletion_id: string }).deletion_id;
    const r = await fetch(`${server.url}/v1/roster-deletions`, { method: 'POST', headers: { authorization: `Bearer ${tokenReserves}`, 'content-type': 'application/json', 'idempotency-key': key }, body });
    expect(r.status).toBe(200);
    expect((await roster(tokenB)).players.map((p) => p.player_id).sort()).toEqual(['player-1', 'player-3']);
  });

  it('a delivery duplicated on the way is stored once', async () => {
    await a.call('sync:saveSettings', { serverUrl: dup.url, caFile: null });
    await a.call('units:delete', { id: 'unit-1' });
    dup.set({ rate: 1 });
    await a.core.sync.sender.drain(Date.now() + 20_000);
    dup.set({ rate: 0 });
    expect(dup.counts.duplicate).toBe(1);
    const row = deletionRows(a).at(-1)!;
    expect(row.state).toBe('synced');
    expect(await count('SELECT count(*)::int AS n FROM roster_deletions WHERE deletion_id = $1', [row.bundle_id])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM roster_deletions WHERE record_id = 'unit-1'")).toBe(1);
    expect((await roster(tokenB)).units.map((u) => u.unit_id)).toEqual(['unit-2']);
  });

  it('a sender killed with the deletion on the wire: the next sender sends it, once, and sets synced_at', async () => {
    await a.call('sync:saveSettings', { serverUrl: hold.url, caFile: null });
    await a.call('players:delete', { id: 'player-3' });
    const key = deletionRows(a).at(-1)!.bundle_id;
    hold.set({ hold: true });
    const child = spawn(process.execPath, ['tests/support/sync-client-proc.ts', join(a.dataDir, 'player1.sqlite'), hold.url], {
      cwd: REPO_ROOT,
      env: { ...process.env, P1_SYNC_TOKEN: tokenA, P1_SYNC_LEASE_MS: String(5 * 60_000) },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      for (let i = 0; i < 800 && (await count('SELECT count(*)::int AS n FROM roster_deletions WHERE deletion_id = $1', [key])) === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await count('SELECT count(*)::int AS n FROM roster_deletions WHERE deletion_id = $1', [key])).toBe(1);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    // Leased for 5 minutes by a process that is gone; not confirmed here.
    expect(deletionRows(a).at(-1)!.state).toBe('pending');
    expect(tombs(a).find((t) => t.id === 'player-3')!.synced_at).toBeNull();
    hold.set({ hold: false });
    await a.core.sync.sender.drain(Date.now() + 20_000);
    expect(deletionRows(a).at(-1)!.state).toBe('synced');
    expect(tombs(a).find((t) => t.id === 'player-3')!.synced_at).not.toBeNull();
    expect(await count("SELECT count(*)::int AS n FROM roster_deletions WHERE record_id = 'player-3'")).toBe(1);
    expect((await roster(tokenB)).players.map((p) => p.player_id)).toEqual(['player-1']);
  });

  it('the endpoint: a replay says so, another body under the key is refused, a broken body is refused with the field', async () => {
    const id = crypto.randomUUID();
    const body = JSON.stringify({ format: 'player1.roster-deletion/1', deletion_id: id, kind: 'unit', id: 'unit-9', label: 'P1-1009', device_id: 'P1-1009', deleted_at_ms: 1_765_000_000_000 });
    const send = (b: string, k = id) =>
      fetch(`${server.url}/v1/roster-deletions`, { method: 'POST', headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json', 'idempotency-key': k }, body: b });
    const r1 = await send(body);
    expect([r1.status, await r1.json(), r1.headers.get('idempotent-replayed')]).toEqual([200, { deletion_id: id, status: 'applied', kind: 'unit', id: 'unit-9' }, null]);
    const r2 = await send(body);
    expect([r2.status, await r2.json(), r2.headers.get('idempotent-replayed')]).toEqual([200, { deletion_id: id, status: 'applied', kind: 'unit', id: 'unit-9' }, 'true']);
    const r3 = await send(body.replace('unit-9', 'unit-8'));
    expect([r3.status, ((await r3.json()) as { type: string }).type]).toEqual([422, 'urn:player1:sync:key-reused']);
    const other = crypto.randomUUID();
    const r4 = await send(JSON.stringify({ format: 'player1.roster-deletion/1', deletion_id: other, kind: 'unit', id: 'u', label: 'u', device_id: null, deleted_at_ms: 1 }), other);
    const p4 = (await r4.json()) as { type: string; detail: string };
    expect([r4.status, p4.type]).toEqual([422, 'urn:player1:sync:invalid-deletion']);
    expect(p4.detail).toMatch(/device_id: device_id is given for a unit/);
    const r5 = await fetch(`${server.url}/v1/roster-deletions`, { method: 'POST', headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' }, body });
    expect(r5.status).toBe(400);
    expect(await count('SELECT count(*)::int AS n FROM roster_deletions WHERE deletion_id = $1', [id])).toBe(1);
    expect(sha256(body)).toBe((await server.pool.query('SELECT request_sha256 FROM roster_deletions WHERE deletion_id = $1', [id])).rows[0].request_sha256);
  });
});
