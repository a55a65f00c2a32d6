/**
 * A backup made on another laptop (or another user account) names its reports under that data
 * folder: the restored database is pointed at this one's, before it replaces anything.
 */
import { join, sep } from 'node:path';
import Database from 'better-sqlite3';

export function relocateReports(dbFile: string, fromDataDir: string, toDataDir: string): number {
  const from = join(fromDataDir, 'reports') + sep;
  const to = join(toDataDir, 'reports') + sep;
  if (from === to) return 0;
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    const hasSessions = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get();
    if (!hasSessions) return 0;
    return db
      .prepare('UPDATE sessions SET report_path = @to || substr(report_path, length(@from) + 1) WHERE substr(report_path, 1, length(@from)) = @from')
      .run({ from, to }).changes;
  } finally {
    db.close();
  }
}
