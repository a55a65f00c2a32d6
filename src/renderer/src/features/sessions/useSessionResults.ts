/**
 * The session's stored results, loaded once for the page (the Process panel's stale notice and the
 * Results section share them) and reloaded when a push event says they may read differently:
 * a run ended, the team settings changed (stale marks, display units) or the periods changed.
 * The session's status is not a dependency: it changes only in runs, whose end is an event, and
 * keying on it loaded everything twice on opening the page (the placeholder status, then the real one).
 *
 * The timeline's 1 s series come apart from the results, packed (results:series, the report's own
 * packing): as JSON numbers inside results:list they were ~2 MB that the core wrote out and the
 * window read back in one task each. They are unpacked here, once per load, into each player's
 * `series`, so the sections read one SessionResults as before (session-series.ts).
 */
import { useCallback } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import type { EventPayloads } from '../../../../shared/api/contract.ts';
import { loadSessionResults } from './session-series.ts';

export function useSessionResults(sessionId: string) {
  const api = useApi();
  const results = useLoad(() => loadSessionResults(api, sessionId), [sessionId]);
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
