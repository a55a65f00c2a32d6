/**
 * Real kills. kill -9 of the laptop's sender while its request is on the wire (the server has
 * committed, the answer never came): after a restart the bundle still goes, once, at once (the dead
 * sender's 5-minute lease is taken over). kill -9 of the
 * server in the middle of a commit (intake, then apply): nothing of the bundle is half-stored, and
 * a restarted server finishes the job. Two server processes on one database behave as one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { makeBundle, post, sha256 } from '../support/sync-fixtures.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { makeTempDir } from '../support/core.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken } from '../../src/server/tokens.ts';
import { openDatabase } from '../../src/main/core/db/database.ts';
import { OutboxRepo } from '../../src/main/core/sync/outbox.repo.ts';
import pg from 'pg';

const hasPg = findPostgresBin() !== null;
if (!hasPg) console.warn(POSTGRES_MISSING);

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    async waitFor(re, ms = 30_000) {
      const until = Date.now() + ms;
      for (;;) {
        const m = re.exec(out + err);
        if (m) return m;
        if (Date.now() > until || child.exitCode !== null) throw new Error(`never saw ${re}: stdout=${out} stderr=${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

const serverProc = (db: string, env: Record<string, string> = {}): Proc => run(['bin/player1.js', 'server', '--database', db, '--port', '0'], env);
const kill9 = async (p: Proc): Promise<void> => {
  p.child.kill('SIGKILL');
  await p.exited;
};

describe.skipIf(!hasPg)('kill -9 during sync', () => {
  let pgc: TestPostgres;
  let dbUrl: string;
  let pool: pg.Pool;
  let token: string;
  const procs: Proc[] = [];

  beforeAll(async () => {
    pgc = await startPostgres();
    dbUrl = pgc.createDatabase('kills');
    // Migrate and make a token through an in-process server, then close it.
    const s: RunningServer = await startServer({ databaseUrl: dbUrl, port: 0, process: false, log: () => {} });
    token = (await createToken(s.pool, 'First team')).token;
    await s.close();
    pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await pool?.end();
    pgc?.stop();
  });

  const count = async (sql: string, args: unknown[]): Promise<number> => (await pool.query<{ n: number }>(sql, args)).rows[0].n;

  it('the client killed mid-send: after a restart the bundle still goes, once', async () => {
    const srv = serverProc(dbUrl);
    procs.push(srv);
    const port = Number((await srv.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    // The proxy forwards the request (the server commits it) and never answers.
    const proxy = await startFaultProxy({ host: '127.0.0.1', port }, { rate: 0, seed: 1 });
    proxy.set({ hold: true });
    const dir = makeTempDir('p1-sync-kill-');
    const file = join(dir, 'player1.sqlite');
    const b = makeBundle();
    const db = openDatabase(file);
    new OutboxRepo(db).insert({ bundleId: b.bundleId, sessionId: b.sessionId, sessionName: 'kill', revision: 1, processedAt: null, body: b.body, bodySha256: sha256(b.body) }, Date.now());
    db.close();
    try {
      const client = run(['tests/support/sync-client-proc.ts', file, proxy.url], { P1_SYNC_TOKEN: token, P1_SYNC_LEASE_MS: String(5 * 60_000) });
      procs.push(client);
      await client.waitFor(/STARTED/);
      // Wait until the server has the bundle: the client is now waiting for an answer that never comes.
      for (let i = 0; i < 400 && (await count('SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1', [b.bundleId])) === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await count('SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1', [b.bundleId])).toBe(1);
      await kill9(client);
      // Still pending locally, leased for 5 minutes by a process that is gone.
      const db2 = openDatabase(file);
      expect(new OutboxRepo(db2).get(b.bundleId)!.state).toBe('pending');
      db2.close();

      proxy.set({ hold: false });
      // The restarted sender takes the dead one's row over at once (its pid and start time are gone),
      // not when the 5-minute lease ends: its drain gives up after 60 s.
      const again = run(['tests/support/sync-client-proc.ts', file, proxy.url], { P1_SYNC_TOKEN: token, P1_SYNC_LEASE_MS: String(5 * 60_000) });
      procs.push(again);
      await again.waitFor(/DONE/);
      expect(await again.exited).toBe(0);
      expect(JSON.parse(/DONE (.*)/.exec(again.out())![1])).toMatchObject({ synced: 1, pending: 0, accepted: 0, failed: 0 });
      expect(await count('SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1', [b.bundleId])).toBe(1);
      expect(await count("SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1 AND status = 'applied'", [b.bundleId])).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM session_players WHERE session_id = $1', [b.sessionId])).toBe(2);
    } finally {
      await proxy.close();
      await kill9(srv);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the server killed mid-commit (intake, then apply): nothing is half-stored; a restarted server finishes', async () => {
    const b = makeBundle();
    // 1. Killed inside the intake transaction: no trace of the bundle.
    const s1 = serverProc(dbUrl, { P1_SERVER_FAULT_PAUSE: 'intake' });
    procs.push(s1);
    const url1 = `http://127.0.0.1:${(await s1.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]}`;
    const pending = post(url1, token, b).catch((e: unknown) => e);
    await s1.waitFor(new RegExp(`FAULT-PAUSE intake ${b.bundleId}`));
    await kill9(s1);
    expect(await pending).toBeInstanceOf(Error);
    expect(await count('SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1', [b.bundleId])).toBe(0);

    // 2. Accepted, then killed inside the apply transaction: the bundle waits, no session row.
    const s2 = serverProc(dbUrl, { P1_SERVER_FAULT_PAUSE: 'apply' });
    procs.push(s2);
    const url2 = `http://127.0.0.1:${(await s2.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]}`;
    expect((await post(url2, token, b)).status).toBe(202);
    await s2.waitFor(new RegExp(`FAULT-PAUSE apply ${b.bundleId}`));
    await kill9(s2);
    expect(await count("SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1 AND status = 'accepted'", [b.bundleId])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM sessions WHERE session_id = $1', [b.sessionId])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM session_players WHERE session_id = $1', [b.sessionId])).toBe(0);

    // 3. A healthy server applies it once.
    const s3 = serverProc(dbUrl);
    procs.push(s3);
    await s3.waitFor(/listening/);
    for (let i = 0; i < 400 && (await count("SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1 AND status = 'applied'", [b.bundleId])) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await count("SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1 AND status = 'applied'", [b.bundleId])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM session_players WHERE session_id = $1', [b.sessionId])).toBe(2);
    await kill9(s3);
  });

  it('two server processes on one database behave as one', async () => {
    const a = serverProc(dbUrl);
    const c = serverProc(dbUrl);
    procs.push(a, c);
    const urlA = `http://127.0.0.1:${(await a.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]}`;
    const urlC = `http://127.0.0.1:${(await c.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]}`;
    try {
      // 30 sessions, each pushed to both processes at once (same key): one 202 each, the other 202 (replay) or 409 in flight.
      const bundles = Array.from({ length: 30 }, () => makeBundle());
      // A 503 (busy, with Retry-After) is the protocol's answer under load: retried as the laptop would.
      const send = async (url: string, b: ReturnType<typeof makeBundle>) => {
        for (;;) {
          const r = await post(url, token, b);
          if (r.status !== 503) return r;
          busy.push(String(r.json.detail));
          await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after') ?? 1) * 1000));
        }
      };
      const busy: string[] = [];
      const answers = await Promise.all(bundles.map((b) => Promise.all([send(urlA, b), send(urlC, b)])));
      if (busy.length) console.warn(`503 answers retried: ${busy.length} (${busy[0]})`);
      for (const [x, y] of answers) {
        expect([x.status, y.status].filter((s) => s === 202).length).toBeGreaterThanOrEqual(1);
        for (const r of [x, y]) expect([202, 409]).toContain(r.status);
      }
      const settle = async (ids: string[]) => {
        for (let i = 0; i < 400 && (await count("SELECT count(*)::int AS n FROM bundles WHERE bundle_id = ANY($1) AND status = 'accepted'", [ids])) > 0; i++) await new Promise((r) => setTimeout(r, 25));
      };
      await settle(bundles.map((b) => b.bundleId));
      // A newer revision through one process replaces what the other applied.
      const r2 = makeBundle({ sessionId: bundles[0].sessionId, revision: 2 });
      expect((await post(urlC, token, r2)).status).toBe(202);
      const ids = [...bundles.map((b) => b.bundleId), r2.bundleId];
      await settle(ids);
      expect(await count('SELECT count(*)::int AS n FROM bundles WHERE bundle_id = ANY($1)', [ids])).toBe(31);
      expect(await count("SELECT count(*)::int AS n FROM bundles WHERE bundle_id = ANY($1) AND status = 'applied'", [ids])).toBe(31);
      expect(await count('SELECT count(*)::int AS n FROM sessions WHERE session_id = ANY($1)', [bundles.map((b) => b.sessionId)])).toBe(30);
      expect((await pool.query('SELECT revision FROM sessions WHERE session_id = $1', [bundles[0].sessionId])).rows[0].revision).toBe(2);
      // An older revision now, through either process: superseded.
      const old = await post(urlA, token, makeBundle({ sessionId: bundles[0].sessionId, revision: 1 }));
      expect(old.status).toBe(409);
      expect(old.json.type).toBe('urn:player1:sync:superseded');
    } finally {
      await kill9(a);
      await kill9(c);
    }
  });
});
