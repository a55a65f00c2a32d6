/**
 * `player1 server …`: the reference central server's command line (bin/player1.js hands
 * `server` here, from the sources: this code is never in the desktop app's bundles).
 *
 *   player1 server --database postgres://… --port 8080 [--host 0.0.0.0]
 *   player1 server token create --team NAME [--label TEXT]
 *   player1 server token revoke <token id | token>
 *   player1 server token list
 *   player1 server migrate
 *
 * --database falls back to $DATABASE_URL.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startServer } from './http.ts';
import { migrateServer } from './db/migrate.ts';
import { SERVER_MIGRATIONS } from './db/migrations/index.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';

export const SERVER_USAGE = `player1 server --database postgres://USER@HOST/DB --port N [--host ADDRESS] [--max-body-mb N]
player1 server token create --team NAME [--label TEXT] [--database URL]
player1 server token revoke <token id | token> [--database URL]
player1 server token list [--database URL]
player1 server migrate [--database URL]

  --database URL   the club's PostgreSQL (default: $DATABASE_URL); tables are created on first start
  --port N         where to listen (0: any free port, printed)
  --host ADDRESS   the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface —
                   put it behind a TLS-terminating proxy: laptops only talk HTTPS)
  --max-body-mb N  largest bundle accepted (default 64)`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

export async function serverMain(argv: string[], io: Io = stdio): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        database: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'max-body-mb': { type: 'string' },
        team: { type: 'string' },
        label: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`player1 server: ${err instanceof Error ? err.message : String(err)}\n\nusage: ${SERVER_USAGE}`);
    return 2;
  }
  const { values: v, positionals: pos } = parsed;
  if (v.help) {
    io.out(`the reference central server for sync (PostgreSQL)\n\nusage: ${SERVER_USAGE}`);
    return 0;
  }
  const database = v.database ?? process.env.DATABASE_URL;
  if (!database) {
    io.err(`player1 server: give the club's PostgreSQL with --database postgres://… (or set DATABASE_URL)\n\nusage: ${SERVER_USAGE}`);
    return 2;
  }
  const withPool = async (fn: (pool: pg.Pool) => Promise<number>): Promise<number> => {
    const pool = new pg.Pool({ connectionString: database, max: 2 });
    try {
      await migrateServer(pool, SERVER_MIGRATIONS);
      return await fn(pool);
    } finally {
      await pool.end();
    }
  };
  try {
    if (pos[0] === 'migrate') return await withPool(async () => (io.out('the database schema is up to date'), 0));
    if (pos[0] === 'token') {
      if (pos[1] === 'create') {
        if (!v.team) {
          io.err('player1 server token create: --team NAME is required');
          return 2;
        }
        return await withPool(async (pool) => {
          const t = await createToken(pool, v.team!, v.label ?? '');
          io.out(`team:     ${t.team}\ntoken id: ${t.id}\ntoken:    ${t.token}\n\nThe token is shown this once (the server keeps only its hash). Enter it in the laptop's sync settings;\nrevoke it with: player1 server token revoke ${t.id}`);
          return 0;
        });
      }
      if (pos[1] === 'revoke') {
        if (!pos[2]) {
          io.err('player1 server token revoke: give the token id (or the token)');
          return 2;
        }
        return await withPool(async (pool) => {
          if (await revokeToken(pool, pos[2])) {
            io.out('revoked: requests with that token are refused from now on');
            return 0;
          }
          io.err('player1 server token revoke: no live token matches');
          return 1;
        });
      }
      if (pos[1] === 'list') {
        return await withPool(async (pool) => {
          for (const t of await listTokens(pool)) {
            io.out(`${t.id}  ${t.team}  ${t.label || '-'}  created ${t.created_at.toISOString()}${t.revoked_at ? `  REVOKED ${t.revoked_at.toISOString()}` : ''}`);
          }
          return 0;
        });
      }
      io.err(`player1 server token: create, revoke or list\n\nusage: ${SERVER_USAGE}`);
      return 2;
    }
    if (pos.length > 0) {
      io.err(`player1 server: unknown subcommand '${pos[0]}'\n\nusage: ${SERVER_USAGE}`);
      return 2;
    }
    if (v.port === undefined || !/^\d+$/.test(v.port) || Number(v.port) > 65535) {
      io.err(`player1 server: --port N is required (0..65535)\n\nusage: ${SERVER_USAGE}`);
      return 2;
    }
    const maxMb = v['max-body-mb'] === undefined ? 64 : Number(v['max-body-mb']);
    if (!(maxMb > 0)) {
      io.err('player1 server: --max-body-mb takes a number > 0');
      return 2;
    }
    const running = await startServer({
      databaseUrl: database,
      port: Number(v.port),
      host: v.host,
      maxBodyBytes: Math.round(maxMb * 1024 * 1024),
      log: io.err,
    });
    io.out(`player1 sync server listening on ${running.url} (web page: ${running.url}/web)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
    return 0;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    io.err(`player1 server: ${e.code === 'ECONNREFUSED' ? `cannot reach PostgreSQL at ${redact(database)}` : (e.message ?? String(err))}`);
    return 1;
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(the --database URL)';
  }
}
