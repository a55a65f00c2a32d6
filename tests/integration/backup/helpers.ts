/** A real data folder with the sample session imported and processed, and what it holds, for the backup tests. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { createLiveCore, type LiveCore } from '../../../src/main/core/live-core.ts';
import { NODE_WORKER_PATH, REPORT_VIEWER_PATH } from '../../../src/main/core/node-paths.ts';
import type { Input, MethodName, Output } from '../../../src/shared/api/contract.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../../support/sample.ts';

export function startLive(dataDir: string): LiveCore {
  return createLiveCore({ dataDir, workerPath: NODE_WORKER_PATH, reportViewerPath: REPORT_VIEWER_PATH, host: { kind: 'cli' }, maxThreads: 1 });
}

export async function call<K extends MethodName>(live: LiveCore, method: K, input?: Input<K>): Promise<Output<K>> {
  const r = await live.dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as Output<K>;
}

/** Imports the sample (5 players, 10 min) into a new session and processes it: raw files, results, a report. */
export async function populate(live: LiveCore, name = 'Tuesday training'): Promise<string> {
  const start = SAMPLE_OPTIONS.startMs;
  const s = await call(live, 'sessions:create', { name, startMs: start, endMs: start + SAMPLE_OPTIONS.minutes * 60_000 });
  await call(live, 'sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
  await call(live, 'jobs:start', { sessionId: s.id });
  await live.core.jobs.whenIdle(s.id);
  const done = await call(live, 'sessions:get', { id: s.id });
  if (done.processingStatus !== 'COMPLETED') throw new Error(`sample not processed: ${done.processingStatus}`);
  return s.id;
}

/**
 * The restore fault tests' start: a session with raw files (not processed), a backup of it, a
 * session made after the backup. Answers the backup's path.
 */
export async function backupThenChange(live: LiveCore, out: string): Promise<string> {
  const s = await call(live, 'sessions:create', { name: 'Tuesday training', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + 600_000 });
  await call(live, 'sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
  const archive = (await call(live, 'backup:create', { path: out })).path;
  await call(live, 'sessions:create', { name: 'After the backup', startMs: Date.UTC(2026, 3, 1, 10), endMs: Date.UTC(2026, 3, 1, 11) });
  return archive;
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** Every file under a folder (relative path → sha256), computed here independently of the app. */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    // Work in progress (raw/.tmp, raw/.staging) is not data.
    if (rel.startsWith('.')) continue;
    const p = join(dir, rel);
    if (statSync(p).isFile()) out[relative(dir, p).split('\\').join('/')] = sha(p);
  }
  return out;
}

/** What the user's data is, read straight from the files: rows of the main tables, raw files and reports by hash. */
export function dataState(dataDir: string): { rows: Record<string, unknown[]>; raw: Record<string, string>; reports: Record<string, string> } {
  const db = new Database(join(dataDir, 'player1.sqlite'), { readonly: true });
  try {
    const rows: Record<string, unknown[]> = {};
    for (const t of ['players', 'units', 'sessions', 'session_files', 'raw_files', 'player_results', 'settings']) {
      rows[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all().map((r) => {
        const o = { ...(r as Record<string, unknown>) };
        // Absolute paths name the data folder: compare the part inside it.
        if (typeof o.report_path === 'string') o.report_path = (o.report_path as string).slice((o.report_path as string).indexOf('reports'));
        return o;
      });
    }
    return { rows, raw: treeHashes(join(dataDir, 'raw')), reports: treeHashes(join(dataDir, 'reports')) };
  } finally {
    db.close();
  }
}
