/**
 * Numbered migrations of the central server's PostgreSQL schema. Several server processes may
 * start at once against one database: a transaction-scoped advisory lock lets one migrate while
 * the others wait, then find nothing left to do. A database newer than this server refuses to
 * start rather than guess.
 */
import type { Pool } from 'pg';

export interface ServerMigration {
  version: number;
  name: string;
  sql: string;
}

/** Arbitrary constant: the advisory lock taken while migrating. */
const MIGRATION_LOCK = 0x50310001;

export async function migrateServer(pool: Pool, migrations: readonly ServerMigration[]): Promise<number[]> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`server migrations are out of sequence at position ${i + 1} ('${m.name}')`);
  });
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = (await c.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
    done.forEach((row, i) => {
      const known = migrations[i];
      if (row.version !== i + 1) throw new Error(`the database's migration history has a gap before version ${row.version}`);
      if (!known) throw new Error(`the database is at schema version ${done.length}, newer than this server knows (${migrations.length})`);
      if (known.name !== row.name) throw new Error(`schema version ${row.version} is '${row.name}' in the database but '${known.name}' here`);
    });
    const applied: number[] = [];
    for (const m of migrations.slice(done.length)) {
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await c.query('COMMIT');
    return applied;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}
