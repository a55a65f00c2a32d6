/**
 * The local SQLite database: one file under the app's data dir, WAL journal (readers never block
 * the writer, and a crash leaves a consistent file), foreign keys on. An ephemeral database (the
 * CLI's temporary data dir, deleted when the command ends) keeps its journal in memory and never
 * waits for the disk: nothing in it has to survive a crash, and closing it writes nothing back.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { cacheStatements } from './statement-cache.ts';

export type Db = Database.Database;

export function openDatabase(file: string, opts: { ephemeral?: boolean } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // The busy timeout first: a second process opening a new data dir at once waits for the
    // first's journal switch and migrations instead of failing "database is locked".
    db.pragma('busy_timeout = 5000');
    switchJournal(db, opts.ephemeral ? 'MEMORY' : 'WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(opts.ephemeral ? 'synchronous = OFF' : 'synchronous = NORMAL');
    migrate(db, MIGRATIONS);
    cacheStatements(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * The journal switch needs the file to itself, and SQLite may answer SQLITE_BUSY at once there
 * without calling the busy handler (two first starts on a new data dir at once: 1 in 40 here).
 * So it is retried for up to 5 s, as the busy timeout would have waited.
 */
function switchJournal(db: Db, mode: 'WAL' | 'MEMORY'): void {
  const deadline = Date.now() + 5000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma(`journal_mode = ${mode}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}
