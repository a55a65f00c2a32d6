/**
 * Builds and writes a session's report from what is stored (storedReportModel + ReportWriter):
 * the last step of Process Report. It runs as a pool task (`writeReport` in the worker file), on
 * a read-only connection of its own to the session's database, so the ~0.1 s of reading 25
 * players' series, building the model and rendering the HTML never blocks the core's event loop
 * (the window's requests, progress events). `writeSessionReport` also runs in the main thread
 * when no pool is at hand (a test that swapped every pool).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ReportModel } from '../../../shared/domain/report.ts';
import type { Session } from '../../../shared/domain/session.ts';
import type { Db } from '../db/database.ts';
import { PeriodsRepo } from '../db/periods.repo.ts';
import { ResultsRepo } from '../db/results.repo.ts';
import { SessionsRepo } from '../db/sessions.repo.ts';
import { SettingsRepo } from '../db/settings.repo.ts';
import { storedReportModel } from '../results/stored-report-model.ts';
import { RawStore } from '../store/raw-store.ts';
import { ReportWriter } from './report-writer.ts';
import { StageTimes, TRACE_ON, trace } from '../util/trace.ts';

export interface SessionReportInput {
  dataDir: string;
  sessionId: string;
  reportViewerPath: string;
  /** false for a temporary data dir (no fsync). */
  durable: boolean;
  appName: string;
  appVersion: string;
  timeZone: string;
  generatedAt: number;
  /** The report's Player Feedback section (surveys/report-feedback.ts), built by the caller. */
  feedback: ReportModel['feedback'];
}

export const DATABASE_FILE = 'player1.sqlite';

/** Writes the report with `db` (the caller's connection), or a read-only connection of this thread's own. */
export function writeSessionReport(i: SessionReportInput, db: Db = readConnection(join(i.dataDir, DATABASE_FILE))): { path: string } {
  // P1_TRACE=1: CPU and wall ms of each step, for the app bench (the report is on Process Report's critical path).
  const stages = TRACE_ON ? new StageTimes() : null;
  const store = new RawStore(join(i.dataDir, 'raw'));
  const session = new SessionsRepo(db, (sha) => store.path(sha)).get(i.sessionId);
  if (!session) throw new Error(`session ${i.sessionId} is gone`);
  const repos = { results: new ResultsRepo(db), settings: new SettingsRepo(db), periods: new PeriodsRepo(db) };
  const { model, records } = sessionReportModel(repos, session, { appName: i.appName, appVersion: i.appVersion, generatedAt: i.generatedAt, timeZone: i.timeZone });
  stages?.lap('model');
  const writer = new ReportWriter(i.dataDir, i.reportViewerPath, { durable: i.durable });
  const html = writer.render({ ...model, feedback: i.feedback }, records);
  stages?.lap('render');
  const path = writer.writeHtml(i.sessionId, html);
  if (stages) {
    stages.lap('write');
    trace('report:task', stages.done());
  }
  return { path };
}

/**
 * The report's model and its timeline's series: the model without the series (no JSON to parse),
 * the series as the packed records the pool threads stored, in the model's player order.
 */
export function sessionReportModel(
  repos: { results: ResultsRepo; settings: SettingsRepo; periods: PeriodsRepo },
  session: Session,
  o: { appName: string; appVersion: string; generatedAt: number; timeZone: string },
): { model: ReportModel; records: Uint8Array[] } {
  const { model } = storedReportModel({ repos, appName: o.appName, appVersion: o.appVersion }, session, { generatedAt: o.generatedAt, timeZone: o.timeZone, series: false, efforts: true });
  const byPlayer = new Map(repos.results.packedSeries(session.id).map((s) => [s.playerId, s.packed]));
  const records = model.players.flatMap((p) => byPlayer.get(p.playerId) ?? []);
  return { model, records };
}

/** One read-only connection per database file per thread, kept for the thread's next reports. */
const connections = new Map<string, Db>();
function readConnection(file: string): Db {
  let db = connections.get(file);
  if (db?.open) return db;
  db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  connections.set(file, db);
  return db;
}
