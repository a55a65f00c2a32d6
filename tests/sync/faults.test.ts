/**
 * 200 session bundles through a proxy that injects faults into 30 % of the connections (refused,
 * reset mid-body, slow, 500, 503 + Retry-After, duplicated, answer dropped after the commit):
 * each bundle arrives exactly once, each session at its latest revision, each report
 * byte-identical. Real SQLite outbox, real sender, real server, real PostgreSQL; short backoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { makeBundle, sha256, type FixtureBundle } from '../support/sync-fixtures.ts';
import { FAULTS, seeded, startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { makeTempDir } from '../support/core.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken } from '../../src/server/tokens.ts';
import { openDatabase, type Db } from '../../src/main/core/db/database.ts';
import { OutboxRepo } from '../../src/main/core/sync/outbox.repo.ts';
import { SyncSender } from '../../src/main/core/sync/sender.ts';
import { MemoryTokenStore } from '../../src/main/core/sync/token-store.ts';

const hasPg = findPostgresBin() !== null;
if (!hasPg) console.warn(POSTGRES_MISSING);
const SEED = Number(process.env.P1_SYNC_SEED ?? 17);

describe.skipIf(!hasPg)('sync through 30 % random faults', () => {
  let pgc: TestPostgres;
  let server: RunningServer;
  let proxy: FaultProxy;
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    pgc = await startPostgres();
    server = await startServer({ databaseUrl: pgc.createDatabase('faults'), port: 0, pollMs: 20, log: () => {} });
    proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port }, { rate: 0.3, seed: SEED });
    dir = makeTempDir('p1-sync-faults-');
    db = openDatabase(join(dir, 'player1.sqlite'));
  });
  afterAll(async () => {
    db?.close();
    await proxy?.close();
    await server?.close();
    pgc?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`200 bundles each arrive exactly once at their latest revision, reports byte-identical (seed ${SEED})`, async () => {
    const token = (await createToken(server.pool, 'First team')).token;
    const repo = new OutboxRepo(db);
    repo.saveConfig(proxy.url, null);
    // 160 sessions; 40 of them processed again (revision 2 queued after revision 1): 200 bundles.
    const bundles: FixtureBundle[] = [];
    const sessions = Array.from({ length: 160 }, () => crypto.randomUUID());
    for (const s of sessions) bundles.push(makeBundle({ sessionId: s, revision: 1 }));
    for (const s of sessions.slice(0, 40)) bundles.push(makeBundle({ sessionId: s, revision: 2 }));
    let now = Date.now();
    for (const b of bundles) {
      repo.insert({ bundleId: b.bundleId, sessionId: b.sessionId, sessionName: 'x', revision: b.revision, processedAt: null, body: b.body, bodySha256: sha256(b.body) }, now++);
    }
    const sender = new SyncSender({
      repo,
      tokens: new MemoryTokenStore(token),
      backoff: { baseMs: 5, capMs: 100 },
      random: seeded(SEED + 1),
      concurrency: 8,
      pollMs: 10,
      timeoutMs: 1000,
      leaseMs: 10_000,
      log: () => {},
    });
    await sender.drain(Date.now() + 100_000);

    // Every fault kind was exercised.
    for (const f of FAULTS) expect(proxy.counts[f], f).toBeGreaterThan(0);

    const c = repo.counts();
    expect(c.pending + c.accepted + c.failed).toBe(0);
    expect(c.synced + c.superseded).toBe(200);
    const latest = new Map<string, FixtureBundle>();
    for (const b of bundles) if ((latest.get(b.sessionId)?.revision ?? 0) < b.revision) latest.set(b.sessionId, b);
    // Every revision-2 bundle is synced (nothing newer exists); a revision 1 is synced or superseded.
    for (const b of bundles.filter((x) => x.revision === 2)) expect(repo.get(b.bundleId)!.state).toBe('synced');

    const rows = (await server.pool.query<{ session_id: string; revision: number; bundle_id: string; report_gz: Buffer }>('SELECT session_id, revision, bundle_id, report_gz FROM sessions')).rows;
    expect(rows).toHaveLength(160);
    for (const r of rows) {
      const want = latest.get(r.session_id)!;
      expect(r.revision).toBe(want.revision);
      expect(r.bundle_id).toBe(want.bundleId);
      expect(sha256(gunzipSync(r.report_gz))).toBe(sha256(Buffer.from(want.reportHtml, 'utf8')));
    }
    // Each bundle stored once (the key is the primary key), each applied or superseded, none twice.
    const stored = (await server.pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM bundles GROUP BY status')).rows;
    const byStatus = Object.fromEntries(stored.map((r) => [r.status, r.n]));
    expect((byStatus.applied ?? 0) + (byStatus.superseded ?? 0)).toBe(200);
    expect(byStatus.accepted ?? 0).toBe(0);
    const players = (await server.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM session_players')).rows[0].n;
    expect(players).toBe(160 * 2);
  });
});
