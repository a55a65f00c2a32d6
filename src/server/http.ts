/**
 * The reference central server: node:http routes over one pg Pool. node:http rather than a
 * framework: a handful of routes, and the protocol's edges (counting body bytes for 413 before
 * reading them all, problem+json on every error, Retry-After) are each a few lines here, with no
 * dependency to add to the desktop app's lock file.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { HttpProblem, PROBLEM, sendJson, sendProblem } from './problem.ts';
import { authenticate, type TokenOwner } from './tokens.ts';
import { intakeBundle, statusUrl } from './intake.ts';
import { BundleProcessor } from './processor.ts';
import { intakeDeletion } from './roster-deletions.ts';
import { migrateServer } from './db/migrate.ts';
import { SERVER_MIGRATIONS } from './db/migrations/index.ts';
import { listPage, reportCsp, type WebSessionRow } from './web.ts';

export interface ServerOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  /** Largest request body accepted (413 beyond). Default 64 MiB. */
  maxBodyBytes?: number;
  /** Apply accepted bundles in this process (default true). */
  process?: boolean;
  pollMs?: number;
  maxWaitingPerTeam?: number;
  /** Connections to PostgreSQL (default 10). */
  poolSize?: number;
  log?: (msg: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  pool: pg.Pool;
  processor: BundleProcessor | null;
  close(): Promise<void>;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  pool.on('error', (err) => log(`[db] ${err.message}`));
  await migrateServer(pool, SERVER_MIGRATIONS);
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  const processor = opts.process === false ? null : new BundleProcessor(pool, { pollMs: opts.pollMs, log });
  const limits = { maxWaitingPerTeam: opts.maxWaitingPerTeam ?? 1000 };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpProblem) {
        if (!res.headersSent) sendProblem(res, err.problem, err.headers);
        return;
      }
      const e = err as { code?: string; message?: string };
      // The database is down or overloaded: a client should come back, not give up.
      const dbDown = typeof e.code === 'string' && (/^(08|53|57P)/.test(e.code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(e.code))
        || /timeout exceeded when trying to connect|Connection terminated/i.test(e.message ?? '');
      log(`[http] ${req.method} ${req.url}: ${e.message ?? String(err)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (dbDown) {
        sendProblem(res, { type: PROBLEM.unavailable, title: 'Service unavailable', status: 503, detail: 'the database is busy or not reachable; try again later' }, { 'retry-after': '10' });
      } else {
        sendProblem(res, { type: PROBLEM.internal, title: 'Internal error', status: 500, detail: 'the server failed on this request; it was logged' });
      }
    });
  });

  async function bearer(req: IncomingMessage): Promise<TokenOwner> {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    const owner = m ? await authenticate(pool, m[1]) : null;
    if (!owner) {
      throw new HttpProblem(401, PROBLEM.unauthorized, 'Unauthorized', m ? 'the token is unknown or revoked: ask for a new one' : 'send the laptop token as "Authorization: Bearer <token>"', {
        headers: { 'www-authenticate': 'Bearer realm="player1-sync"' },
      });
    }
    return owner;
  }

  async function basic(req: IncomingMessage): Promise<TokenOwner> {
    const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const pass = m ? Buffer.from(m[1], 'base64').toString('utf8').split(':').slice(1).join(':') : '';
    const owner = pass ? await authenticate(pool, pass) : null;
    if (!owner) {
      throw new HttpProblem(401, PROBLEM.unauthorized, 'Sign in', 'sign in with any user name and the team token as the password', {
        headers: { 'www-authenticate': 'Basic realm="Player1 sessions", charset="UTF-8"' },
      });
    }
    return owner;
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const tooLarge = () =>
      new HttpProblem(413, PROBLEM.tooLarge, 'Bundle too large', `the body is larger than this server accepts (${maxBody} bytes)`, {
        headers: { connection: 'close' },
        extra: { max_bytes: maxBody },
      });
    if (Number.isFinite(declared) && declared > maxBody) {
      req.resume();
      throw tooLarge();
    }
    const parts: Buffer[] = [];
    let n = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      n += chunk.length;
      if (n > maxBody) {
        req.resume();
        throw tooLarge();
      }
      parts.push(chunk);
    }
    return Buffer.concat(parts);
  }

  /**
   * A JSON POST's common part: the caller's token, the body as application/json within the size
   * limit, and its Idempotency-Key; `noun` names what is sent in the 415's words. Too many requests
   * waiting for a database connection: 503, shedding load rather than queueing without end.
   */
  async function jsonPost(req: IncomingMessage, noun: string): Promise<{ owner: TokenOwner; body: Buffer; key: string | undefined }> {
    const owner = await bearer(req);
    const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (ct !== 'application/json') {
      req.resume();
      throw new HttpProblem(415, PROBLEM.unsupportedMediaType, 'Unsupported media type', `send the ${noun} as application/json`);
    }
    const body = await readBody(req);
    if (pool.waitingCount > 50) {
      throw new HttpProblem(503, PROBLEM.unavailable, 'Busy', 'the server is busy; send again shortly', { headers: { 'retry-after': '2' } });
    }
    const key = req.headers['idempotency-key'];
    return { owner, body, key: Array.isArray(key) ? key[0] : key };
  }

  async function sessionReport(owner: TokenOwner, sessionId: string): Promise<string> {
    const r = await pool.query<{ report_gz: Buffer | null }>('SELECT report_gz FROM sessions WHERE team_id = $1 AND session_id = $2', [owner.teamId, sessionId]);
    const gz = r.rows[0]?.report_gz;
    if (!gz) throw new HttpProblem(404, PROBLEM.notFound, 'Not found', 'this team has no report for that session');
    return gunzipSync(gz).toString('utf8');
  }

  function sendReport(res: ServerResponse, html: string): void {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': reportCsp(html),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'private, no-store',
    });
    res.end(html);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://server');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const only = (allowed: string): void => {
      if (method !== allowed) {
        throw new HttpProblem(405, PROBLEM.methodNotAllowed, 'Method not allowed', `${path} answers ${allowed} only`, { headers: { allow: allowed } });
      }
    };

    if (path === '/healthz') {
      await pool.query('SELECT 1');
      sendJson(res, 200, { ok: true });
      return;
    }
    if (path === '/v1/session-bundles') {
      only('POST');
      const { owner, body, key } = await jsonPost(req, 'bundle');
      const answer = await intakeBundle(pool, owner, key, body, limits);
      if (answer.status === 202 && !answer.headers['idempotent-replayed']) processor?.kick();
      if (answer.problem) sendProblem(res, answer.body as never, answer.headers);
      else sendJson(res, answer.status, answer.body, answer.headers);
      return;
    }
    if (path === '/v1/roster-deletions') {
      only('POST');
      const { owner, body, key } = await jsonPost(req, 'deletion');
      const answer = await intakeDeletion(pool, owner, key, body);
      sendJson(res, answer.status, answer.body, answer.headers);
      return;
    }
    let m = /^\/v1\/session-bundles\/([^/]+)$/.exec(path);
    if (m) {
      only('GET');
      const owner = await bearer(req);
      const id = decodeURIComponent(m[1]);
      const r = UUID_RE.test(id)
        ? await pool.query(
          'SELECT bundle_id, session_id, revision, status, detail, received_at, processed_at FROM bundles WHERE bundle_id = $1 AND team_id = $2',
          [id.toLowerCase(), owner.teamId],
        )
        : { rows: [] };
      const row = r.rows[0] as { status: string } | undefined;
      if (!row) throw new HttpProblem(404, PROBLEM.notFound, 'Not found', 'this team has sent no bundle with that id');
      sendJson(res, 200, row, row.status === 'accepted' ? { 'retry-after': '1' } : {});
      return;
    }
    if (path === '/v1/sessions') {
      only('GET');
      const owner = await bearer(req);
      const r = await pool.query(
        `SELECT session_id, name, start_ms::float8 AS start_ms, end_ms::float8 AS end_ms, revision, bundle_id, algorithm_version,
                report_sha256, report_size, updated_at FROM sessions WHERE team_id = $1 ORDER BY start_ms DESC`,
        [owner.teamId],
      );
      sendJson(res, 200, { sessions: r.rows });
      return;
    }
    m = /^\/v1\/sessions\/([^/]+)(\/report)?$/.exec(path);
    if (m) {
      only('GET');
      const owner = await bearer(req);
      const id = decodeURIComponent(m[1]);
      if (m[2]) {
        sendReport(res, await sessionReport(owner, id));
        return;
      }
      const r = await pool.query(
        'SELECT session_id, revision, bundle_id, payload, report_sha256, report_size, updated_at FROM sessions WHERE team_id = $1 AND session_id = $2',
        [owner.teamId, id],
      );
      if (!r.rows[0]) throw new HttpProblem(404, PROBLEM.notFound, 'Not found', 'this team has no session with that id');
      sendJson(res, 200, r.rows[0]);
      return;
    }
    if (path === '/v1/roster') {
      only('GET');
      const owner = await bearer(req);
      // A record deleted on a laptop (POST /v1/roster-deletions) is left out for the whole team; a unit worn by a deleted player is worn by nobody.
      const deleted = (kind: string, col: string) => `EXISTS (SELECT 1 FROM roster_deletions d WHERE d.team_id = $1 AND d.kind = '${kind}' AND d.record_id = ${col})`;
      const players = await pool.query(
        `SELECT player_id, name, position, updated_at FROM roster_players p WHERE team_id = $1 AND NOT ${deleted('player', 'p.player_id')} ORDER BY name`,
        [owner.teamId],
      );
      const units = await pool.query(
        `SELECT unit_id, device_id, CASE WHEN ${deleted('player', 'u.player_id')} THEN NULL ELSE player_id END AS player_id, updated_at
         FROM roster_units u WHERE team_id = $1 AND NOT ${deleted('unit', 'u.unit_id')} ORDER BY device_id`,
        [owner.teamId],
      );
      sendJson(res, 200, { players: players.rows, units: units.rows });
      return;
    }
    if (path === '/' || path === '/web' || path === '/web/') {
      only('GET');
      const owner = await basic(req);
      const r = await pool.query<WebSessionRow>(
        `SELECT s.session_id, s.name, s.start_ms, s.end_ms, s.revision, s.updated_at, s.report_gz IS NOT NULL AS has_report,
                (SELECT count(*) FROM session_players p WHERE p.team_id = s.team_id AND p.session_id = s.session_id)::text AS players
         FROM sessions s WHERE s.team_id = $1 ORDER BY s.start_ms DESC LIMIT 1000`,
        [owner.teamId],
      );
      const page = listPage(owner.teamName, r.rows);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': page.csp,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'private, no-store',
      });
      res.end(page.html);
      return;
    }
    m = /^\/web\/sessions\/([^/]+)\/report$/.exec(path);
    if (m) {
      only('GET');
      const owner = await basic(req);
      sendReport(res, await sessionReport(owner, decodeURIComponent(m[1])));
      return;
    }
    throw new HttpProblem(404, PROBLEM.notFound, 'Not found', `no such resource: ${path}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  // A slow client may not hold a connection for ever; bundles of tens of MB still fit.
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  processor?.start();
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    pool,
    processor,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await processor?.stop();
      await pool.end();
    },
  };
}

export { statusUrl };
