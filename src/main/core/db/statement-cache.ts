/**
 * Keeps prepared statements by their SQL text, so a repository method that calls
 * `db.prepare(sql)` each time compiles it once. Compiling was most of the core's main-thread time
 * in an import's commit (~0.7 of it: every unit's rows prepare the same dozen statements again),
 * which ran as one task growing with the players (issue 19: the event loop stays under 50 ms).
 *
 * A cached statement is handed out in its default mode every time (pluck, raw and expand off),
 * so a caller that switches one to `.pluck()` does not change what the next caller of the same SQL
 * gets. No code iterates one (`.iterate()` holds a statement busy across calls); `.get/.all/.run`
 * finish before they return, so a cached statement is never in use twice. SQLite re-compiles a statement itself when a
 * migration changes the schema. At most `max` statements are kept (least recently used go): the
 * few statements built from parts stay few.
 */
import type Database from 'better-sqlite3';

export function cacheStatements(db: Database.Database, max = 500): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (s) {
      cache.delete(sql);
      // Modes exist only for statements that return rows (better-sqlite3 throws otherwise).
      if (s.reader) s.pluck(false).raw(false).expand(false);
    } else {
      s = prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, s);
    return s;
  };
  db.prepare = cached as typeof db.prepare;
}
