/**
 * What a database file says about itself, read through its own connection: schema version
 * (applied migrations), counts shown to the user, the raw files it indexes and its report paths.
 * Used on the backup's snapshot and on a restored archive's database alike.
 */
import type Database from 'better-sqlite3';

export interface DbFacts {
  schemaVersion: number;
  /** Migration names by version, to compare with the app's own list. */
  migrations: { version: number; name: string }[];
  sessions: number;
  players: number;
  rawFiles: string[];
  reportPaths: string[];
}

const count = (db: Database.Database, table: string): number => {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  return exists ? (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
};

export function readDbFacts(db: Database.Database): DbFacts {
  const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  const migrations = hasMigrations ? (db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[]) : [];
  const hasRaw = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'raw_files'").get();
  const hasSessions = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get();
  return {
    schemaVersion: migrations.length === 0 ? 0 : migrations[migrations.length - 1].version,
    migrations,
    sessions: count(db, 'sessions'),
    players: count(db, 'players'),
    // Rows read as objects: the live connection's statements are shared (db/statement-cache.ts), never switched to pluck.
    rawFiles: hasRaw ? (db.prepare('SELECT sha256 FROM raw_files ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256) : [],
    reportPaths: hasSessions ? (db.prepare('SELECT report_path FROM sessions WHERE report_path IS NOT NULL').all() as { report_path: string }[]).map((r) => r.report_path) : [],
  };
}
