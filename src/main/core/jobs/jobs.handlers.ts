import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';

export function jobsHandlers(ctx: CoreContext): Pick<Handlers, 'jobs:start' | 'jobs:status'> {
  return {
    'jobs:start': ({ sessionId }) => {
      const s = ctx.repos.sessions.get(sessionId);
      if (!s) throw new AppError('NOT_FOUND', `no session with id ${sessionId}`);
      return ctx.jobs.start(s);
    },
    'jobs:status': ({ sessionId }) => ctx.jobs.status(sessionId),
  };
}
