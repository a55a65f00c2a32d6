/**
 * A throwaway PostgreSQL cluster for the sync tests: Debian's `postgresql` package (initdb +
 * pg_ctl from /usr/lib/postgresql/<major>/bin, not on PATH), in a fresh mkdtemp dir, listening on
 * a free TCP port of 127.0.0.1 and a unix socket inside that dir, trusted local auth. PostgreSQL
 * refuses to run as root: when the tests run as root (CI) the cluster runs as the `postgres` user
 * (created by the package) through `runuser`. stop() shuts it down and removes the dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/DB */
  url: (database?: string) => string;
  port: number;
  dir: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): string;
  stop(): void;
}

/** The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function findPostgresBin(): string | null {
  if (process.env.P1_PG_BIN) return process.env.P1_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const majors = readdirSync(base).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    for (const m of majors) if (existsSync(join(base, m, 'bin', 'initdb'))) return join(base, m, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const p = which.stdout.trim();
  return p ? p.replace(/\/initdb$/, '') : null;
}

export const POSTGRES_MISSING =
  'PostgreSQL is not installed (apt-get install postgresql; .ci/run does): the sync tests need a real server';

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'p1-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (file: string, args: string[]): string => {
    const cmd = asRoot ? 'runuser' : join(bin, file);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, file), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${file} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  let port = 0;
  // A free port can be taken by someone else between the probe and pg_ctl: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60 -c shared_buffers=16MB`;
    try {
      run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
      break;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
  const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      run('createdb', ['-h', dir, '-p', String(port), '-U', 'postgres', name]);
      return url(name);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
