import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../../../src/main/core/db/migrate.ts';
import { MIGRATIONS } from '../../../src/main/core/db/migrations/index.ts';
import { ResultsRepo } from '../../../src/main/core/db/results.repo.ts';

const m = (version: number, name: string, sql = `CREATE TABLE t${version} (x)`): Migration => ({ version, name, up: (db) => db.exec(sql) });

/**
 * A database migrated up to just before the named migration, holding one stored result of player
 * 'p' in session 's' with these metrics, and anything more `extraSql` inserts. Returns the database
 * and the index of the named migration.
 */
function resultBefore(name: string, metricsJson: string, extraSql = ''): { db: Database.Database; at: number } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const at = MIGRATIONS.findIndex((x) => x.name === name);
  migrate(db, MIGRATIONS.slice(0, at));
  db.exec(`
    INSERT INTO players (id, name, created_at) VALUES ('p', 'Ann', 1);
    INSERT INTO units (id, device_id, created_at) VALUES ('u', 'P1-1001', 1);
    INSERT INTO sessions (id, name, start_ms, end_ms, created_at, updated_at) VALUES ('s', 'S', 0, 10, 1, 1);
    INSERT INTO player_results (session_id, player_id, unit_id, metrics_json, problems_json, algorithm_version, settings_json, computed_at, warnings_json)
      VALUES ('s', 'p', 'u', '${metricsJson}', '[]', '0.2.1', '{}', 1, '[]');
    ${extraSql}
  `);
  return { db, at };
}

describe('numbered migrations', () => {
  it('applies pending migrations in order, once', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [m(1, 'a'), m(2, 'b')]).applied).toEqual([1, 2]);
    expect(migrate(db, [m(1, 'a'), m(2, 'b'), m(3, 'c')]).applied).toEqual([3]);
    expect(migrate(db, [m(1, 'a'), m(2, 'b'), m(3, 'c')]).applied).toEqual([]);
  });

  it('refuses a registry that is out of sequence', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [m(1, 'a'), m(3, 'c')])).toThrowError(/out of sequence: position 2 holds version 3/);
    expect(() => migrate(db, [m(2, 'b'), m(1, 'a')])).toThrowError(/out of sequence/);
  });

  it('refuses a database newer than the app, or with different history', () => {
    const db = new Database(':memory:');
    migrate(db, [m(1, 'a'), m(2, 'b')]);
    expect(() => migrate(db, [m(1, 'a')])).toThrowError(/newer than this app knows/);
    expect(() => migrate(db, [m(1, 'a'), m(2, 'other')])).toThrowError(/is 'b' but this app calls it 'other'/);
  });

  it('rolls back a failing migration and records nothing for it', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [m(1, 'a'), m(2, 'bad', 'CREATE TABLE t2 (x); SELECT nonsense FROM nowhere')])).toThrow();
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual([{ version: 1 }]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't2'").get()).toBeUndefined();
  });

  it("the app's own registry is in sequence and builds the schema", () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['players', 'units', 'sessions', 'session_participants', 'session_files', 'player_results', 'device_downloads']),
    );
  });

  it('the devices migration upgrades an older database: imported files keep their link, with no clock offset', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const at = MIGRATIONS.findIndex((x) => x.name === 'devices');
    migrate(db, MIGRATIONS.slice(0, at));
    db.exec(`
      INSERT INTO units (id, device_id, created_at) VALUES ('u', 'P1-1001', 1);
      INSERT INTO sessions (id, name, start_ms, end_ms, created_at, updated_at) VALUES ('s', 'S', 0, 10, 1, 1);
      INSERT INTO raw_files (sha256, size, stored_at) VALUES ('${'a'.repeat(64)}', 3, 1);
      INSERT INTO session_files (session_id, unit_id, source_name, format, sha256, size, imported_at)
        VALUES ('s', 'u', 'P1-1001/gps.csv', 'player1-gps-csv', '${'a'.repeat(64)}', 3, 1);
    `);
    expect(migrate(db, MIGRATIONS.slice(0, at + 1)).applied).toEqual([at + 1]);
    expect(db.prepare('SELECT source_name, clock_offset_ms FROM session_files').all()).toEqual([
      { source_name: 'P1-1001/gps.csv', clock_offset_ms: 0 },
    ]);
    // A download refers to a stored file: an unknown sha256 is refused by the foreign key.
    const ins = db.prepare(`INSERT INTO device_downloads (device_key, unit_code, driver, recording_id, sha256, format, size, start_ms, end_ms,
      clock_offset_ms, downloaded_at) VALUES ('k', 'P1-1001', 'player1', '1', ?, 'p1', 3, 0, 1, -20, 1)`);
    expect(() => ins.run('b'.repeat(64))).toThrow(/FOREIGN KEY/);
    ins.run('a'.repeat(64));
    expect(db.prepare('SELECT unit_id, session_id, resumed_from FROM device_downloads').get()).toEqual({ unit_id: null, session_id: null, resumed_from: 0 });
  });

  it('the effort-lists migration upgrades an older database: a stored result keeps its metrics and has no effort lists', () => {
    const { db, at } = resultBefore('effort-lists', '{"sprint_efforts":3}');
    expect(migrate(db, MIGRATIONS.slice(0, at + 1)).applied).toEqual([at + 1]);
    migrate(db, MIGRATIONS);
    const [r] = new ResultsRepo(db).forSession('s');
    expect(r.metrics).toEqual({ sprint_efforts: 3 });
    expect(r.efforts).toBeNull();
  });

  it('the metric-moments migration upgrades an older database: results keep their values, with no moments until processed again', () => {
    const { db, at } = resultBefore(
      'metric-moments',
      '{"max_speed_ms":8.2}',
      `INSERT INTO period_results (session_id, player_id, period_id, name, start_ms, end_ms, metrics_json, coverage, warnings_json)
         VALUES ('s', 'p', 'a', 'Drill A', 0, 5, '{"max_speed_ms":7.1}', 1, '[]');`,
    );
    expect(migrate(db, MIGRATIONS).applied).toEqual(MIGRATIONS.slice(at).map((x) => x.version));
    const repo = new ResultsRepo(db);
    const [r] = repo.forSession('s');
    expect(r.metrics).toEqual({ max_speed_ms: 8.2 });
    expect(r.moments).toEqual({});
    expect(r.periods.map((p) => [p.metrics, p.moments])).toEqual([[{ max_speed_ms: 7.1 }, {}]]);
    // Processed again: the moments are stored and read back, the session's and the period's.
    const moments = { max_speed_ms: { startMs: 3, endMs: 3 } };
    repo.save({ ...r, moments, periods: [{ ...r.periods[0], moments: { max_speed_ms: { startMs: 2, endMs: 2 } } }] });
    const [again] = repo.forSession('s');
    expect(again.moments).toEqual(moments);
    expect(again.periods[0].moments).toEqual({ max_speed_ms: { startMs: 2, endMs: 2 } });
  });
});
