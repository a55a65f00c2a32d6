import { resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';
import { mustGetSession } from '../sessions/session-guards.ts';
import { resultsHandlers } from '../results/results.handlers.ts';
import { exportSession } from './export-session.ts';

export function exportsHandlers(ctx: CoreContext): Pick<Handlers, 'exports:save' | 'exports:open'> {
  const results = resultsHandlers(ctx)['results:list'];
  // Only folders this app saved into may be opened through exports:open.
  const exported = new Set<string>();
  return {
    'exports:save': async ({ sessionId, folder, kinds, orientation }) => {
      const session = mustGetSession(ctx.repos.sessions, sessionId);
      const r = await exportSession({
        session,
        reportPath: session.reportPath,
        results: () => results({ sessionId }),
        folder,
        kinds,
        orientation,
        printToPdf: ctx.host.printToPdf,
      });
      exported.add(r.folder);
      return { ...r, canOpen: ctx.host.openPath != null };
    },
    'exports:open': async ({ path }) => {
      const p = resolve(path);
      if (!exported.has(p)) throw new AppError('VALIDATION', 'only a folder this app exported into can be opened from here');
      if (!ctx.host.openPath) return { opened: false };
      await ctx.host.openPath(p);
      return { opened: true };
    },
  };
}
