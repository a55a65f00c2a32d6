import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';

export function reportsHandlers(ctx: CoreContext): Pick<Handlers, 'reports:get' | 'reports:open' | 'reports:html'> {
  const mustReport = (sessionId: string) => {
    const s = ctx.repos.sessions.get(sessionId);
    if (!s) throw new AppError('NOT_FOUND', `no session with id ${sessionId}`);
    if (!s.reportPath) throw new AppError('NOT_FOUND', `"${s.name}" has no report yet: click Process Report`);
    if (!existsSync(s.reportPath)) throw new AppError('NOT_FOUND', `the report file of "${s.name}" is missing: ${s.reportPath}`);
    return { sessionId, path: s.reportPath, generatedAt: ctx.repos.sessions.reportGeneratedAt(sessionId) ?? s.lastProcessedAt ?? 0 };
  };
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
  };
}
