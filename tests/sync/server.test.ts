/**
 * The reference central server against a real PostgreSQL (a throwaway cluster in a temp dir):
 * idempotency (replay, in flight, reused key), revisions and `superseded`, problem+json, 413,
 * 401, team isolation, token revoke, and the read-only web page with its CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgres, findPostgresBin, POSTGRES_MISSING, type TestPostgres } from '../support/postgres.ts';
import { makeBundle, post, sha256 } from '../support/sync-fixtures.ts';
import { startServer, type RunningServer } from '../../src/server/http.ts';
import { createToken, revokeToken } from '../../src/server/tokens.ts';

const hasPg = findPostgresBin() !== null;
if (!hasPg) console.warn(POSTGRES_MISSING);

describe.skipIf(!hasPg)('central server on PostgreSQL', () => {
  let pgc: TestPostgres;
  let db: string;
  let server: RunningServer;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    pgc = await startPostgres();
    db = pgc.createDatabase('server_test');
    server = await startServer({ databaseUrl: db, port: 0, pollMs: 50, maxBodyBytes: 256 * 1024, log: () => {} });
    tokenA = (await createToken(server.pool, 'First team')).token;
    tokenB = (await createToken(server.pool, 'Under 21')).token;
  });
  afterAll(async () => {
    await server?.close();
    pgc?.stop();
  });

  async function waitStatus(token: string, bundleId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const r = await fetch(`${server.url}/v1/session-bundles/${bundleId}`, { headers: { authorization: `Bearer ${token}` } });
      const j = (await r.json()) as Record<string, unknown>;
      if (j.status !== 'accepted') return j;
      await new Promise((r2) => setTimeout(r2, 20));
    }
    throw new Error('bundle never processed');
  }

  it('accepts a bundle with 202 + Location, applies it, and replays the first answer to the same key', async () => {
    const b = makeBundle();
    const first = await post(server.url, tokenA, b);
    expect(first.status).toBe(202);
    expect(first.headers.get('location')).toBe(`/v1/session-bundles/${b.bundleId}`);
    expect(first.json).toEqual({ bundle_id: b.bundleId, status: 'accepted', status_url: `/v1/session-bundles/${b.bundleId}` });
    expect((await waitStatus(tokenA, b.bundleId)).status).toBe('applied');
    const again = await post(server.url, tokenA, b);
    expect(again.status).toBe(202);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // Stored once, report byte-identical.
    const rows = await server.pool.query('SELECT revision, report_gz FROM sessions WHERE session_id = $1', [b.sessionId]);
    expect(rows.rows).toHaveLength(1);
    expect(sha256(gunzipSync(rows.rows[0].report_gz))).toBe(sha256(Buffer.from(b.reportHtml, 'utf8')));
    const players = await server.pool.query('SELECT player_name FROM session_players WHERE session_id = $1 ORDER BY player_name', [b.sessionId]);
    expect(players.rows.map((r) => r.player_name)).toEqual(['José Núñez', 'Player 2']);
  });

  it('keeps the latest revision: an older one is 409 superseded (problem+json), before or after processing', async () => {
    const sessionId = crypto.randomUUID();
    const r2 = makeBundle({ sessionId, revision: 2 });
    expect((await post(server.url, tokenA, r2)).status).toBe(202);
    expect((await waitStatus(tokenA, r2.bundleId)).status).toBe('applied');
    const r1 = makeBundle({ sessionId, revision: 1 });
    const old = await post(server.url, tokenA, r1);
    expect(old.status).toBe(409);
    expect(old.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(old.json).toMatchObject({ type: 'urn:player1:sync:superseded', status: 409, current_revision: 2 });
    // Replayed as such, and the session still holds revision 2.
    expect((await post(server.url, tokenA, r1)).json).toMatchObject({ type: 'urn:player1:sync:superseded' });
    const r3 = makeBundle({ sessionId, revision: 3 });
    expect((await post(server.url, tokenA, r3)).status).toBe(202);
    expect((await waitStatus(tokenA, r3.bundleId)).status).toBe('applied');
    const s = await server.pool.query('SELECT revision, bundle_id FROM sessions WHERE session_id = $1', [sessionId]);
    expect(s.rows).toEqual([{ revision: 3, bundle_id: r3.bundleId }]);
  });

  it('refuses the same key with a different payload (422), a bad hash (422), a missing key (400), non-JSON (400)', async () => {
    const b = makeBundle();
    expect((await post(server.url, tokenA, b)).status).toBe(202);
    const other = makeBundle({ bundleId: b.bundleId, sessionId: b.sessionId, name: 'Renamed' });
    const reused = await post(server.url, tokenA, other);
    expect(reused.status).toBe(422);
    expect(reused.json.type).toBe('urn:player1:sync:key-reused');

    const bad = makeBundle();
    const tampered = Buffer.from(bad.body.toString('utf8').replace('"Training ', '"Tampered '), 'utf8');
    const r = await post(server.url, tokenA, { bundleId: bad.bundleId, body: tampered });
    expect(r.status).toBe(422);
    expect(r.json.detail).toMatch(/payload_sha256 does not match/);

    const noKey = await fetch(`${server.url}/v1/session-bundles`, { method: 'POST', headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' }, body: makeBundle().body });
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { title: string }).title).toBe('Idempotency-Key missing');
    const notJson = await post(server.url, tokenA, { bundleId: crypto.randomUUID(), body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('answers 413 for a body over the limit, 415 for another media type', async () => {
    const big = makeBundle({ reportHtml: randomBytes(300_000).toString('hex') });
    expect(big.body.length).toBeGreaterThan(256 * 1024);
    const r = await post(server.url, tokenA, big);
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ type: 'urn:player1:sync:too-large', max_bytes: 256 * 1024 });
    const b = makeBundle();
    const t = await fetch(`${server.url}/v1/session-bundles`, { method: 'POST', headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'text/plain', 'idempotency-key': b.bundleId }, body: b.body });
    expect(t.status).toBe(415);
  });

  it('concurrent sends of one key: exactly one 202, the others 409 in flight', async () => {
    // A second server process on the same database that does not apply bundles: the key stays in flight.
    const intakeOnly = await startServer({ databaseUrl: db, port: 0, process: false, log: () => {} });
    // The first server's processor would apply it at once: stop it for this test.
    await server.processor!.stop();
    try {
      const b = makeBundle();
      const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => post(i % 2 ? server.url : intakeOnly.url, tokenA, b)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([202, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) {
        expect(a.json.type).toBe('urn:player1:sync:in-flight');
        expect(a.headers.get('retry-after')).toBe('1');
      }
      expect((await server.pool.query('SELECT count(*)::int AS n FROM bundles WHERE bundle_id = $1', [b.bundleId])).rows[0].n).toBe(1);
    } finally {
      await intakeOnly.close();
      // Bring the first server's processor back for the other tests.
      (server.processor as unknown as { stopped: boolean }).stopped = false;
      server.processor!.start();
    }
  });

  it('a token sees and writes only its own team: the second team cannot read, list, or overwrite the first team’s session', async () => {
    const a = makeBundle();
    expect((await post(server.url, tokenA, a)).status).toBe(202);
    expect((await waitStatus(tokenA, a.bundleId)).status).toBe('applied');
    const get = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(`/v1/session-bundles/${a.bundleId}`, tokenB)).status).toBe(404);
    expect((await get(`/v1/sessions/${a.sessionId}`, tokenB)).status).toBe(404);
    expect((await get(`/v1/sessions/${a.sessionId}/report`, tokenB)).status).toBe(404);
    const listB = (await (await get('/v1/sessions', tokenB)).json()) as { sessions: { session_id: string }[] };
    expect(listB.sessions.map((s) => s.session_id)).not.toContain(a.sessionId);
    // Team B replaying A's key: refused without touching A's data.
    expect((await post(server.url, tokenB, a)).status).toBe(422);
    // Team B pushing a higher revision of a session with A's id: stored as B's own, A's untouched.
    const b = makeBundle({ sessionId: a.sessionId, revision: 5, name: 'Team B copy' });
    expect((await post(server.url, tokenB, b)).status).toBe(202);
    expect((await waitStatus(tokenB, b.bundleId)).status).toBe('applied');
    const mine = (await (await get(`/v1/sessions/${a.sessionId}`, tokenA)).json()) as { revision: number; payload: { session: { name: string } } };
    expect(mine.revision).toBe(1);
    expect(mine.payload.session.name).not.toBe('Team B copy');
    const roster = (await (await get('/v1/roster', tokenA)).json()) as { players: { name: string }[] };
    expect(roster.players.map((p) => p.name)).toContain('José Núñez');
  });

  it('401 with problem+json for no token, an unknown token and a revoked one', async () => {
    const b = makeBundle();
    expect((await post(server.url, 'p1s_nope', b)).status).toBe(401);
    const t = await createToken(server.pool, 'First team', 'old laptop');
    expect((await post(server.url, t.token, b)).status).toBe(202);
    expect(await revokeToken(server.pool, t.id)).toBe(true);
    const after = await post(server.url, t.token, makeBundle());
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(after.json.type).toBe('urn:player1:sync:unauthorized');
    // Only the hash is stored.
    const stored = await server.pool.query('SELECT token_sha256 FROM tokens WHERE id = $1', [t.id]);
    expect(stored.rows[0].token_sha256).toBe(sha256(t.token));
    expect(JSON.stringify((await server.pool.query('SELECT * FROM tokens')).rows)).not.toContain(t.token);
  });

  it('serves the web page and reports behind Basic auth with a strict CSP', async () => {
    const b = makeBundle({ name: 'MD-1 <Shape>' });
    expect((await post(server.url, tokenA, b)).status).toBe(202);
    await waitStatus(tokenA, b.bundleId);
    const basic = (t: string) => `Basic ${Buffer.from(`staff:${t}`).toString('base64')}`;
    expect((await fetch(`${server.url}/web`)).status).toBe(401);
    const page = await fetch(`${server.url}/web`, { headers: { authorization: basic(tokenA) } });
    const html = await page.text();
    expect(html).toContain('MD-1 &lt;Shape&gt;');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const pageB = await (await fetch(`${server.url}/web`, { headers: { authorization: basic(tokenB) } })).text();
    expect(pageB).not.toContain('MD-1');
    const rep = await fetch(`${server.url}/web/sessions/${b.sessionId}/report`, { headers: { authorization: basic(tokenA) } });
    expect(await rep.text()).toBe(b.reportHtml);
    const csp = rep.headers.get('content-security-policy')!;
    expect(csp).toContain('sandbox allow-scripts');
    expect(csp).toContain(`'sha256-${Buffer.from(sha256("document.title += ' ✓';"), 'hex').toString('base64')}'`);
    expect(csp).not.toContain("script-src 'unsafe-inline'");
  });

  it('migrations are numbered and idempotent: a second start on the same database changes nothing', async () => {
    const again = await startServer({ databaseUrl: db, port: 0, process: false, log: () => {} });
    await again.close();
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    const v = await c.query('SELECT version, name FROM schema_migrations ORDER BY version');
    await c.end();
    expect(v.rows).toEqual([
      { version: 1, name: 'init' },
      { version: 2, name: 'roster-deletions' },
      { version: 3, name: 'roster-as-of' },
    ]);
  });
});
