import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../../../src/main/core/db/migrate.ts';
import { MIGRATIONS } from '../../../src/main/core/db/migrations/index.ts';

const m = (version: number, name: string, sql = `CREATE TABLE t${version} (x)`): Migration => ({ version, name, up: (db) => db.exec(sql) });

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
    expect(tables).toEqual(expect.arrayContaining(['players', 'units', 'sessions', 'session_participants', 'session_files', 'player_results']));
  });
});
