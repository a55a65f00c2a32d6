import { z } from 'zod';
import { id, method } from './method.ts';

export interface ReportInfo {
  sessionId: string;
  path: string;
  generatedAt: number;
}

export const reportsContract = {
  'reports:get': method<ReportInfo>()(z.object({ sessionId: id }).strict()),
  /**
   * Show the session's report. Electron opens it in its own sandboxed window and answers url null;
   * the dev/test bridge answers a loopback URL for the browser to open.
   */
  /** The report's HTML itself, for the app's Report page to show in a sandboxed frame. */
  'reports:html': method<{ html: string; generatedAt: number }>()(z.object({ sessionId: id }).strict()),
  'reports:open': method<{ url: string | null }>()(z.object({ sessionId: id }).strict()),
};
