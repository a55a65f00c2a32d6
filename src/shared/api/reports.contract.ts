import { z } from 'zod';
import { id, method } from './method.ts';

export interface ReportInfo {
  sessionId: string;
  path: string;
  generatedAt: number;
}

/** A report someone else made, opened from a file, shown read-only in a sandboxed frame. */
export interface SharedReportInfo {
  token: string;
  /** Where the window's sandboxed frame loads it from (player1://shared/<token>/report.html, or the dev bridge's copy of that URL). */
  url: string;
  fileName: string;
  folder: string;
  /** The page's own title (plain text), if it has one. */
  title: string | null;
  bytes: number;
  modifiedAt: number;
  openedAt: number;
  /** Whether it looks like a Player1 Pitchside report (its embedded data block). */
  madeByPlayer1: boolean;
  /**
   * Its scripts: none; 'viewer' = this version's report viewer only (runs: charts drawn);
   * 'viewer-others-blocked' = the viewer runs, other scripts in the file do not; 'blocked' = no
   * script of it runs (another version's viewer, or not ours): its tables only.
   */
  scripts: 'none' | 'viewer' | 'viewer-others-blocked' | 'blocked';
}

export const reportsContract = {
  'reports:get': method<ReportInfo>()(z.object({ sessionId: id }).strict()),
  /** The report's HTML itself. */
  'reports:html': method<{ html: string; generatedAt: number }>()(z.object({ sessionId: id }).strict()),
  /**
   * Show the session's report in its own window. Electron opens it in its own sandboxed window and
   * answers url null; the dev/test bridge answers a loopback URL for the browser to open.
   */
  'reports:open': method<{ url: string | null }>()(z.object({ sessionId: id }).strict()),
  /** Where the Report page's sandboxed frame loads the session's report from (player1://reports/<id>/report.html, or the dev bridge's copy). */
  'reports:frame': method<{ url: string; generatedAt: number }>()(z.object({ sessionId: id }).strict()),
  /**
   * Open a report someone else made: the file at `path`, or (no path) one the user chooses in the
   * host's file dialog; null when the dialog was cancelled. Read-only: nothing of it is imported.
   */
  'reports:openShared': method<SharedReportInfo | null>()(z.object({ path: z.string().trim().min(1, 'type the report file\'s path').max(4096).optional() }).strict()),
  /** A shared report opened earlier in this run of the app (by its token). */
  'reports:shared': method<SharedReportInfo>()(z.object({ token: z.string().regex(/^[0-9a-f]{32}$/, 'not a shared report token') }).strict()),
};
