/**
 * The laptop's side end to end: a real core (SQLite file, worker pool) processes the sample
 * session; the outbox row is queued with the run; the sender pushes it to the real central
 * server on a real PostgreSQL; the report arrives byte-identical. Re-processing sends revision 2;
 * a revoked token stops syncing until a new one is saved; a refusal lands in the failed list with
 * the server's reason; a damaged queued row is never sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { startTestCore, type TestCore } from '../support/core.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { sha256 } from '../support/sync-fixtures.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken, revokeToken } from '../../src/server/tokens.ts';
import type { SyncStatus } from '../../src/shared/api/sync.contract.ts';

const hasPg = findPostgresBin() !== null;
if (!hasPg) console.warn(POSTGRES_MISSING);
const START = SAMPLE_OPTIONS.startMs;
const END = START + SAMPLE_OPTIONS.minutes * 60_000;

describe.skipIf(!hasPg)('laptop → central server', () => {
  let pgc: TestPostgres;
  let server: RunningServer;
  let t: TestCore;
  let token: { id: string; token: string };
  const statuses: SyncStatus[] = [];

  beforeAll(async () => {
    pgc = await startPostgres();
    server = await startServer({ databaseUrl: pgc.createDatabase('client_test'), port: 0, pollMs: 30, log: () => {} });
    token = await createToken(server.pool, 'First team');
    t = startTestCore({ sync: { sender: { backoff: { baseMs: 10, capMs: 50 }, pollMs: 20, timeoutMs: 5000 } } });
    t.core.events.on('sync:changed', (s) => statuses.push(s));
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
    pgc?.stop();
  });

  const drain = () => t.core.sync.sender.drain(Date.now() + 20_000);

  async function processSession(id: string): Promise<void> {
    await t.call('jobs:start', { sessionId: id });
    await t.core.jobs.whenIdle(id);
  }

  it('queues nothing until a server is set; then queues the completed session with its run and syncs it byte-identical', async () => {
    const s = await t.call('sessions:create', { name: 'MD-2 training', startMs: START, endMs: END });
    await t.call('sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
    await t.call('periods:create', { sessionId: s.id, name: 'First half', startMs: START, endMs: START + 10 * 60_000 });
    await processSession(s.id);
    expect(await t.call('sync:list', {})).toEqual([]);
    expect((await t.call('sync:status')).configured).toBe(false);

    // Setting the server queues the session processed before (its current processing).
    await t.call('sync:saveSettings', { serverUrl: server.url, caFile: null, token: token.token });
    const queued = await t.call('sync:list', {});
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ sessionId: s.id, revision: 1, state: 'pending' });
    expect((await t.call('sync:status')).pending).toBe(1);

    await drain();
    const after = await t.call('sync:status');
    expect(after).toMatchObject({ pending: 0, synced: 1, failed: 0, needsToken: false, lastError: null });
    expect(after.lastSuccessAt).not.toBeNull();
    expect(statuses.some((x) => x.pending === 1)).toBe(true);

    const local = readFileSync((await t.call('sessions:get', { id: s.id })).reportPath!);
    const row = (await server.pool.query('SELECT revision, report_gz, payload FROM sessions WHERE session_id = $1', [s.id])).rows[0];
    expect(row.revision).toBe(1);
    expect(sha256(gunzipSync(row.report_gz))).toBe(sha256(local));
    expect(row.payload.participants).toHaveLength(5);
    expect(row.payload.periods.map((p: { name: string }) => p.name)).toEqual(['First half']);
    expect(row.payload.metrics.players).toHaveLength(5);
    expect(row.payload.metrics.players[0].periods[0].name).toBe('First half');
    expect(Array.isArray(row.payload.survey_answers)).toBe(true);
    // The metrics are the laptop's own numbers.
    const mine = await t.call('results:list', { sessionId: s.id });
    const dist = (m: Record<string, unknown>) => m.distance_m ?? m.distance;
    const local0 = mine.players.find((p) => p.deviceId === row.payload.metrics.players[0].device_id)!;
    expect(dist(row.payload.metrics.players[0].metrics)).toEqual(dist(local0.metrics as Record<string, unknown>));
  });

  it('processing again queues revision 2 in the completing transaction; the server keeps it', async () => {
    const s = (await t.call('sessions:list')).find((x) => x.name === 'MD-2 training')!;
    await processSession(s.id);
    const items = await t.call('sync:list', {});
    const r2 = items.find((i) => i.sessionId === s.id && i.revision === 2)!;
    expect(r2.state).toBe('pending');
    // Queued with the run: the session's processing time is the row's.
    const row = t.core.sync.outbox.get(r2.bundleId)!;
    expect(row.processed_at).toBe((await t.call('sessions:get', { id: s.id })).lastProcessedAt);
    await drain();
    expect((await server.pool.query('SELECT revision, bundle_id FROM sessions WHERE session_id = $1', [s.id])).rows[0]).toEqual({ revision: 2, bundle_id: r2.bundleId });
  });

  it('a revoked token stops syncing and asks for a new one; the bundle waits and goes once a new token is saved', async () => {
    await revokeToken(server.pool, token.id);
    const s = (await t.call('sessions:list')).find((x) => x.name === 'MD-2 training')!;
    await processSession(s.id);
    await drain();
    const st = await t.call('sync:status');
    expect(st.needsToken).toBe(true);
    expect(st.pending).toBe(1);
    expect(st.lastError?.message).toMatch(/refused the token/);
    // Stopped: nothing more is tried.
    expect(await t.core.sync.sender.runOnce()).toBe(0);
    const fresh = await createToken(server.pool, 'First team');
    await t.call('sync:saveSettings', { serverUrl: server.url, caFile: null, token: fresh.token });
    await drain();
    expect(await t.call('sync:status')).toMatchObject({ needsToken: false, pending: 0 });
    expect((await server.pool.query('SELECT revision FROM sessions WHERE session_id = $1', [s.id])).rows[0].revision).toBe(3);
  });

  it('a permanent refusal goes to the failed list with the server’s reason; a damaged row is never sent', async () => {
    const small = await startServer({ databaseUrl: pgc.url('client_test'), port: 0, maxBodyBytes: 2000, process: false, log: () => {} });
    try {
      const tok = await createToken(small.pool, 'First team');
      await t.call('sync:saveSettings', { serverUrl: small.url, caFile: null, token: tok.token });
      const s = (await t.call('sessions:list')).find((x) => x.name === 'MD-2 training')!;
      await processSession(s.id);
      await drain();
      const failed = await t.call('sync:list', { state: 'failed' });
      expect(failed).toHaveLength(1);
      expect(failed[0].httpStatus).toBe(413);
      expect(failed[0].reason).toBe('the body is larger than this server accepts (2000 bytes) (HTTP 413)');
      expect((await t.call('sync:status')).failed).toBe(1);

      // Back to the real server: retry sends the same bytes and key...
      await t.call('sync:saveSettings', { serverUrl: server.url, caFile: null });
      // ...but first damage the frozen bytes on disk: the hash check keeps them from going out.
      t.core.ctx.db.prepare("UPDATE sync_outbox SET body = CAST(REPLACE(CAST(body AS TEXT), 'MD-2', 'MD-9') AS BLOB) WHERE bundle_id = ?").run(failed[0].bundleId);
      await t.call('sync:retry', { bundleId: failed[0].bundleId });
      await drain();
      const again = (await t.call('sync:list', { state: 'failed' }))[0];
      expect(again.reason).toMatch(/changed on disk after it was queued/);
      expect((await server.pool.query('SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1', [again.bundleId])).rows[0].n).toBe(0);
      expect((await t.call('sync:discard', { bundleId: again.bundleId })).discarded).toBe(true);
      expect((await t.call('sync:status')).failed).toBe(0);
    } finally {
      await small.close();
    }
  });
});
