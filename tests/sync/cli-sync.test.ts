/**
 * The CLI's sync as a real process: `player1 process … --sync --server URL` sends the session it
 * processed (the token from P1_SYNC_TOKEN), the server's report is the one written to --out,
 * byte for byte; `player1 sync` on the same data dir has nothing left to send and pulls the roster
 * (the added player and a name difference printed, the laptop's name kept); a wrong token
 * stops with the server's reason and exit 1; no token is a usage error (2). A unit deleted on the
 * laptop: \`player1 sync\` sends its deletion, and prints the server's record of that device it did
 * not add back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { makeTempDir } from '../support/core.ts';
import { SAMPLE_DIR } from '../support/sample.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { sha256 } from '../support/sync-fixtures.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken } from '../../src/server/tokens.ts';

const hasPg = findPostgresBin() !== null;
if (!hasPg) console.warn(POSTGRES_MISSING);

/** Asynchronous: the server runs in this process and must keep answering while the CLI runs. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/player1.js', ...args], { cwd: REPO_ROOT, env: { ...process.env, P1_CLI_FROM_SOURCE: '1', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

describe.skipIf(!hasPg)('player1 sync and process --sync', () => {
  let pgc: TestPostgres;
  let server: RunningServer;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    pgc = await startPostgres();
    server = await startServer({ databaseUrl: pgc.createDatabase('cli_sync'), port: 0, pollMs: 30, log: () => {} });
    token = (await createToken(server.pool, 'First team')).token;
    dir = makeTempDir('p1-cli-sync-');
  });
  afterAll(async () => {
    await server?.close();
    pgc?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('process --sync sends the session; the server holds the very report written to --out', async () => {
    const out = join(dir, 'report.html');
    const r = await cli(['process', SAMPLE_DIR, '--out', out, '--data-dir', join(dir, 'data'), '--threads', '2', '--sync', '--server', server.url], { P1_SYNC_TOKEN: token });
    expect(r.err).not.toMatch(/failed|refused/);
    expect(r.code).toBe(0);
    expect(r.out).toContain('sync: 1 on the server, 0 waiting, 0 failed');
    const rows = (await server.pool.query('SELECT report_gz FROM sessions')).rows;
    expect(rows).toHaveLength(1);
    expect(sha256(gunzipSync(rows[0].report_gz))).toBe(sha256(readFileSync(out)));

    // The server's roster (from the bundle's participants) gains a player and differs on one name.
    const teamId = (await server.pool.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', ['First team'])).rows[0]!.id;
    const known = (await server.pool.query<{ player_id: string; name: string }>('SELECT player_id, name FROM roster_players WHERE team_id = $1 ORDER BY name LIMIT 1', [teamId])).rows[0]!;
    await server.pool.query("UPDATE roster_players SET name = name || ' Jr' WHERE team_id = $1 AND player_id = $2", [teamId, known.player_id]);
    await server.pool.query('INSERT INTO roster_players (team_id, player_id, name, position) VALUES ($1, $2, $3, $4)', [teamId, 'srv-ana', 'Ana Silva', 'Midfielder']);

    const again = await cli(['sync', '--server', server.url, '--data-dir', join(dir, 'data')], { P1_SYNC_TOKEN: token });
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    expect(again.out).toContain('sync: 1 on the server, 0 waiting');
    expect(again.out).toContain('roster: added 1 player and 0 units from the server\n  added player: Ana Silva\n');
    expect(again.out).toContain("roster: 1 difference with the server; this laptop's values were kept (local edits are never overwritten)");
    expect(again.out).toContain(`  player "${known.name}", name: on this laptop "${known.name}", on the server "${known.name} Jr"`);
    expect((await server.pool.query('SELECT count(*)::int AS n FROM bundles')).rows[0].n).toBe(1);
  });

  it('a deleted unit: its deletion is sent, and the server record with its device id is not added back (printed)', async () => {
    // The CLI has no delete command: the tombstone the app's Roster page would write, by hand.
    const deletedAt = Date.UTC(2026, 11, 1, 8, 0);
    const db = new Database(join(dir, 'data', 'player1.sqlite'));
    db.prepare("INSERT INTO roster_tombstones (kind, id, label, device_id, deleted_at) VALUES ('unit', 'gone-u', 'GPS-0999', 'GPS-0999', ?)").run(deletedAt);
    db.close();
    const teamId = (await server.pool.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', ['First team'])).rows[0]!.id;
    // Another laptop's record of the same device, under its own id.
    await server.pool.query('INSERT INTO roster_units (team_id, unit_id, device_id, player_id) VALUES ($1, $2, $3, NULL)', [teamId, 'srv-u9', 'gps-0999']);

    const r = await cli(['sync', '--server', server.url, '--data-dir', join(dir, 'data')], { P1_SYNC_TOKEN: token });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // The session and the deletion.
    expect(r.out).toContain('sync: 2 on the server, 0 waiting, 0 failed');
    expect(r.out).toContain('roster: 1 record deleted on this laptop not added back\n  skipped unit gps-0999: the unit with this device id (GPS-0999) was deleted here at 2026-12-01T08:00:00.000Z\n');
    expect((await server.pool.query("SELECT record_id, device_id FROM roster_deletions")).rows).toEqual([{ record_id: 'gone-u', device_id: 'GPS-0999' }]);
    const check = new Database(join(dir, 'data', 'player1.sqlite'), { readonly: true });
    expect((check.prepare("SELECT synced_at FROM roster_tombstones WHERE id = 'gone-u'").get() as { synced_at: number | null }).synced_at).not.toBeNull();
    expect(check.prepare("SELECT count(*) AS n FROM units WHERE device_id = 'gps-0999' COLLATE NOCASE").get()).toEqual({ n: 0 });
    check.close();
  });

  it('a wrong token stops with the reason (exit 1); no token is a usage error (exit 2)', async () => {
    const bad = await cli(['sync', '--server', server.url, '--data-dir', join(dir, 'data')], { P1_SYNC_TOKEN: 'p1s_not-a-real-token' });
    // Nothing was waiting to send; the roster pull is refused, and says so.
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/roster: not pulled: .*refused the token/);
    // Queue one by processing again with the bad token: the send is refused too.
    const p = await cli(['process', SAMPLE_DIR, '--out', join(dir, 'r2.html'), '--data-dir', join(dir, 'data'), '--threads', '2', '--sync', '--server', server.url], { P1_SYNC_TOKEN: 'p1s_not-a-real-token' });
    expect(p.code).toBe(1);
    expect(p.err).toMatch(/sync stopped: the server refused the token \(the token is unknown or revoked: ask for a new one\)/);
    const none = await cli(['sync', '--server', server.url, '--data-dir', join(dir, 'data')], { P1_SYNC_TOKEN: '' });
    expect(none.code).toBe(2);
    expect(none.err).toContain('P1_SYNC_TOKEN');
  });
});
