import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../../../shared/api/sync.contract.ts';
import { useApi, useEvent } from '../../api/context.tsx';

/** The sync status, kept current by the sync:changed event. */
export function useSyncStatus(): SyncStatus | null {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    api['sync:status']({}).then(
      (s) => live && setStatus(s),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);
  useEvent('sync:changed', useCallback((s: SyncStatus) => setStatus(s), []));
  return status;
}

/** One line for the navigation: what a sports scientist needs at a glance. */
export function syncSummary(s: SyncStatus | null): { text: string; tone: 'ok' | 'wait' | 'bad' | 'off' } {
  if (!s) return { text: 'Sync: …', tone: 'off' };
  if (s.needsToken) return { text: 'Sync stopped: new token needed', tone: 'bad' };
  if (!s.configured) return { text: 'Sync: not set up', tone: 'off' };
  if (s.failed > 0) return { text: `Sync: ${s.failed} failed${s.pending ? `, ${s.pending} waiting` : ''}`, tone: 'bad' };
  if (s.pending > 0) return { text: `Sync: ${s.pending} waiting${s.sending ? ' (sending)' : ''}`, tone: 'wait' };
  return { text: 'Sync: up to date', tone: 'ok' };
}
