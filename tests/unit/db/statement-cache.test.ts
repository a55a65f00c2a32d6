/**
 * Prepared statements kept by their SQL (db/statement-cache.ts): compiled once, answering as a
 * fresh statement would, following a schema change, and bounded.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from '../../../src/main/core/db/statement-cache.ts';

let db: Database.Database | null = null;
afterEach(() => db?.close());

describe('statement cache', () => {
  it('prepares each SQL text once and answers as a fresh statement would', () => {
    db = new Database(':memory:');
    cacheStatements(db);
    db.prepare('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)').run();
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    expect(db.prepare('INSERT INTO t (name) VALUES (?)')).toBe(insert);
    for (const n of ['a', 'b', 'c']) db.prepare('INSERT INTO t (name) VALUES (?)').run(n);
    expect(db.prepare('SELECT name FROM t WHERE id = ?').get(2)).toEqual({ name: 'b' });
    expect(db.prepare('SELECT name FROM t WHERE id = ?').get(3)).toEqual({ name: 'c' });
    expect(db.prepare('SELECT name FROM t ORDER BY id').all()).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
  });

  it('a statement switched to pluck/raw/expand by one caller is handed to the next in its default mode (rows as objects)', () => {
    db = new Database(':memory:');
    cacheStatements(db);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b')");
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b']);
    expect(db.prepare('SELECT name FROM t ORDER BY id').all()).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(db.prepare('SELECT name FROM t ORDER BY id').raw().all()).toEqual([['a'], ['b']]);
    expect(db.prepare('SELECT name FROM t ORDER BY id').get()).toEqual({ name: 'a' });
    expect(db.prepare('SELECT name FROM t ORDER BY id').expand().get()).toEqual({ t: { name: 'a' } });
    expect(db.prepare('SELECT name FROM t ORDER BY id').get()).toEqual({ name: 'a' });
    // A statement that returns no rows has no modes: handing it out again works.
    db.prepare("INSERT INTO t (name) VALUES ('c')").run();
    db.prepare("INSERT INTO t (name) VALUES ('c')").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 4 });
  });

  it('a kept statement follows a schema change (a migration adding a column)', () => {
    db = new Database(':memory:');
    cacheStatements(db);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t (id) VALUES (1)");
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1 }]);
    db.exec("ALTER TABLE t ADD COLUMN kind TEXT NOT NULL DEFAULT 'gps'");
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1, kind: 'gps' }]);
  });

  it('keeps at most max statements, the least recently used going first', () => {
    db = new Database(':memory:');
    cacheStatements(db, 2);
    const one = db.prepare('SELECT 1 AS v');
    const two = db.prepare('SELECT 2 AS v');
    expect(db.prepare('SELECT 1 AS v')).toBe(one); // 1 is now the most recent
    db.prepare('SELECT 3 AS v'); // 2 goes
    expect(db.prepare('SELECT 1 AS v')).toBe(one);
    const twoAgain = db.prepare('SELECT 2 AS v');
    expect(twoAgain).not.toBe(two);
    expect(twoAgain.get()).toEqual({ v: 2 });
  });
});
