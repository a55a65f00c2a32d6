/**
 * Numbered migrations. The list must be 1..N with no gap or repeat, and the database must hold
 * exactly a prefix of it (same numbers, same names). Anything else (a migration file added out
 * of order, a database written by a newer app) refuses to start rather than guess.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(
        `migrations are out of sequence: position ${i + 1} holds version ${m.version} ('${m.name}'); expected ${i + 1}`,
      );
    }
  });
}

/**
 * Brings the database up to date. Each step takes the write lock (BEGIN IMMEDIATE) before it
 * reads the applied versions, so two processes opening a new data dir at once never both apply a
 * migration ("duplicate column"): the second waits (busy_timeout), then sees it applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { applied: number[] } {
  checkSequence(migrations);
  const applied: number[] = [];
  const step = db.transaction((): boolean => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    )`);
    const done = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
    }[];
    checkHistory(done, migrations);
    const next = migrations[done.length];
    if (!next) return false;
    next.up(db);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(next.version, next.name, Date.now());
    applied.push(next.version);
    return true;
  });
  while (step.immediate()) {
    // one migration per write transaction, each re-reading the history under the lock
  }
  return { applied };
}

function checkHistory(done: { version: number; name: string }[], migrations: readonly Migration[]): void {
  done.forEach((row, i) => {
    if (row.version !== i + 1) {
      throw new MigrationError(`the database's migration history has a gap before version ${row.version}`);
    }
    const known = migrations[i];
    if (!known) {
      throw new MigrationError(
        `the database is at schema version ${done.length}, newer than this app knows (${migrations.length}); use a newer version of the app`,
      );
    }
    if (known.name !== row.name) {
      throw new MigrationError(
        `schema version ${row.version} in the database is '${row.name}' but this app calls it '${known.name}'`,
      );
    }
  });
}
