import type { Handlers } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';
import { mustGetSession } from '../sessions/session-guards.ts';

export function jobsHandlers(ctx: CoreContext): Pick<Handlers, 'jobs:start' | 'jobs:prepare' | 'jobs:status'> {
  return {
    'jobs:start': ({ sessionId }) => ctx.jobs.start(mustGetSession(ctx.repos.sessions, sessionId)),
    'jobs:prepare': ({ sessionId }) => {
      mustGetSession(ctx.repos.sessions, sessionId);
      return ctx.prepareProcessing(sessionId);
    },
    'jobs:status': ({ sessionId }) => ctx.jobs.status(sessionId),
  };
}
