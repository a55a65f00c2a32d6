import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { SharedReportInfo } from '../../../shared/api/reports.contract.ts';
import { REPORTS_ORIGIN, SHARED_ORIGIN } from '../../../shared/security/csp.ts';
import type { CoreContext } from '../context.ts';
import type { SharedReports } from './shared-reports.ts';

type ReportsMethods = 'reports:get' | 'reports:open' | 'reports:html' | 'reports:frame' | 'reports:openShared' | 'reports:shared';

export function reportsHandlers(ctx: CoreContext, shared: SharedReports): Pick<Handlers, ReportsMethods> {
  const mustReport = (sessionId: string) => {
    const s = ctx.repos.sessions.get(sessionId);
    if (!s) throw new AppError('NOT_FOUND', `no session with id ${sessionId}`);
    if (!s.reportPath) throw new AppError('NOT_FOUND', `"${s.name}" has no report yet: click Process Report`);
    if (!existsSync(s.reportPath)) throw new AppError('NOT_FOUND', `the report file of "${s.name}" is missing: ${s.reportPath}`);
    return { sessionId, path: s.reportPath, generatedAt: ctx.repos.sessions.reportGeneratedAt(sessionId) ?? s.lastProcessedAt ?? 0 };
  };
  const windowUrl = (appUrl: string): string => {
    if (!ctx.host.windowUrl) throw new AppError('UNAVAILABLE', 'this host has no window to show reports in');
    return ctx.host.windowUrl(appUrl);
  };
  const withUrl = (info: Omit<SharedReportInfo, 'url'>): SharedReportInfo => ({ ...info, url: windowUrl(`${SHARED_ORIGIN}/${info.token}/report.html`) });
  return {
    'reports:get': ({ sessionId }) => mustReport(sessionId),
    'reports:html': ({ sessionId }) => {
      const r = mustReport(sessionId);
      return { html: readFileSync(r.path, 'utf8'), generatedAt: r.generatedAt };
    },
    'reports:open': async ({ sessionId }) => {
      const r = mustReport(sessionId);
      if (!ctx.host.openReport) throw new AppError('UNAVAILABLE', `this host cannot show reports; open ${r.path}`);
      return ctx.host.openReport(r.path, sessionId);
    },
    'reports:frame': ({ sessionId }) => {
      const r = mustReport(sessionId);
      return { url: windowUrl(`${REPORTS_ORIGIN}/${encodeURIComponent(sessionId)}/report.html`), generatedAt: r.generatedAt };
    },
    'reports:openShared': async ({ path }) => {
      let file = path ?? null;
      if (file === null) {
        if (!ctx.host.pickFile) throw new AppError('UNAVAILABLE', "no file picker here: type the report file's path");
        file = await ctx.host.pickFile({ title: 'Open a shared report', filters: [{ name: 'Reports (HTML)', extensions: ['html', 'htm'] }] });
        if (file === null) return null;
      }
      return withUrl(await shared.open(file));
    },
    'reports:shared': ({ token }) => {
      const info = shared.get(token);
      if (!info) throw new AppError('NOT_FOUND', 'this shared report is no longer open (the app was restarted): open the file again');
      return withUrl(info);
    },
  };
}
