/**
 * The session's stored results, loaded once for the page (the Process panel's stale notice and the
 * Results section share them) and reloaded when a push event says they may read differently:
 * a run ended, the team settings changed (stale marks, display units) or the periods changed.
 */
import { useCallback } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import type { EventPayloads } from '../../../../shared/api/contract.ts';
import type { ProcessingStatus } from '../../../../shared/domain/session.ts';

export function useSessionResults(sessionId: string, status: ProcessingStatus) {
  const api = useApi();
  const results = useLoad(() => api['results:list']({ sessionId }), [sessionId, status]);
  const { reload } = results;
  useEvent(
    'sessions:changed',
    useCallback(
      (p: EventPayloads['sessions:changed']) => {
        if (p.sessionId === sessionId && (p.status === 'COMPLETED' || p.status === 'FAILED')) reload();
      },
      [sessionId, reload],
    ),
  );
  useEvent('settings:changed', reload);
  useEvent(
    'periods:changed',
    useCallback((p: EventPayloads['periods:changed']) => p.sessionId === sessionId && reload(), [sessionId, reload]),
  );
  return results;
}
