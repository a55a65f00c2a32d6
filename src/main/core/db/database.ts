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

export type Db = Database.Database;

export function openDatabase(file: string, opts: { ephemeral?: boolean } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // The busy timeout first: a second process opening a new data dir at once waits for the
    // first's journal switch and migrations instead of failing "database is locked".
    db.pragma('busy_timeout = 5000');
    db.pragma(opts.ephemeral ? 'journal_mode = MEMORY' : 'journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(opts.ephemeral ? 'synchronous = OFF' : 'synchronous = NORMAL');
    migrate(db, MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
