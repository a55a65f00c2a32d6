/**
 * A consistent copy of the data folder to archive, taken while the app runs and writes:
 *  - the raw files and reports are hard-linked into a staging folder (a copy where links are
 *    refused): raw files are never rewritten and reports are replaced by rename, so each link
 *    holds one whole version, whatever happens to the data folder afterwards;
 *  - the database through SQLite's online backup API (better-sqlite3 `db.backup()`), which copies
 *    one instant of it and restarts by itself when another connection writes meanwhile;
 *  - the raw files are linked before the database is copied and again after it, so every file the
 *    copied database indexes is staged unless it was removed in between (listed as missing).
 */
import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/database.ts';
import { DB_FILE, RAW_WORK_DIRS, listFiles } from './data-layout.ts';
import { readDbFacts, type DbFacts } from './db-facts.ts';
import { Cancelled, type Progress } from './progress.ts';
import { parseTempName } from '../util/atomic-write.ts';

export interface Snapshot {
  dir: string;
  facts: DbFacts;
  /** sha256s the database indexes that are not in the raw store. */
  missing: string[];
}

function linkOrCopy(from: string, to: string): boolean {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return true;
    if (code === 'ENOENT') return false; // removed meanwhile
    try {
      copyFileSync(from, to);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }
}

function stageTree(dataDir: string, part: string, stage: string, skip: ReadonlySet<string>, progress: Progress): void {
  const files = listFiles(join(dataDir, part), skip);
  for (const f of files) {
    progress.check();
    // A report being rewritten right now (its atomic write's temp file) is not data.
    if (parseTempName(f.rel.split('/').pop()!)) continue;
    linkOrCopy(join(dataDir, part, f.rel), join(stage, part, f.rel));
  }
}

export async function takeSnapshot(db: Db, dataDir: string, stage: string, progress: Progress): Promise<Snapshot> {
  mkdirSync(stage, { recursive: true });
  progress.phase('files', 0, 1);
  stageTree(dataDir, 'raw', stage, RAW_WORK_DIRS, progress);
  stageTree(dataDir, 'reports', stage, new Set(), progress);
  progress.phase('database', 0, 1);
  const file = join(stage, DB_FILE);
  // Steps of 256 pages keep the event loop free. A write through another connection (a CLI run)
  // restarts the copy from the start; after three restarts the rest is copied in one step.
  let lastRemaining = Infinity;
  let restarts = 0;
  await db.backup(file, {
    progress: ({ totalPages, remainingPages }) => {
      if (remainingPages > lastRemaining) restarts++;
      lastRemaining = remainingPages;
      progress.phase('database', totalPages - remainingPages, totalPages);
      // Thrown here, better-sqlite3 closes the backup and rejects: a cancel stops it at the next step.
      progress.check();
      return restarts >= 3 ? 0x7fffffff : 256;
    },
  });
  progress.check();
  // The database as copied: what it indexes must be staged (files that came in meanwhile).
  // One self-contained file (rollback journal, no -wal/-shm beside it); the app switches it back to WAL when it opens it.
  const snap = new Database(file, { fileMustExist: true });
  let facts: DbFacts;
  try {
    snap.pragma('journal_mode = DELETE');
    facts = readDbFacts(snap);
  } finally {
    snap.close();
  }
  stageTree(dataDir, 'raw', stage, RAW_WORK_DIRS, progress);
  const staged = new Set(listFiles(join(stage, 'raw')).map((f) => f.rel.split('/').pop()!));
  const missing = facts.rawFiles.filter((sha) => !staged.has(sha));
  if (progress.cancelled) throw new Cancelled();
  return { dir: stage, facts, missing };
}

export { Cancelled };
