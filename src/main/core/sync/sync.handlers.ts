import type { Handlers } from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { SyncService } from './sync-service.ts';
import { toItemView } from './outbox.repo.ts';

export function syncHandlers(sync: SyncService): Pick<Handlers, 'sync:status' | 'sync:now' | 'sync:getSettings' | 'sync:saveSettings' | 'sync:list' | 'sync:retry' | 'sync:discard' | 'sync:pullRoster'> {
  return {
    'sync:status': () => sync.status(),
    'sync:now': () => sync.syncNow(),
    'sync:getSettings': () => sync.settings(),
    'sync:saveSettings': (input) => sync.saveSettings(input),
    'sync:list': ({ state }) => sync.outbox.list(state).map(toItemView),
    'sync:retry': ({ bundleId }) => {
      if (!sync.outbox.retryFailed(bundleId, Date.now())) throw notRetried(sync, bundleId);
      sync.sender.changed();
      sync.sender.kick();
      return toItemView(sync.outbox.get(bundleId)!);
    },
    'sync:pullRoster': () => sync.pullRoster(),
    'sync:discard': ({ bundleId }) => {
      const discarded = sync.outbox.discardFailed(bundleId);
      if (discarded) sync.sender.changed();
      return { discarded };
    },
  };
}

/** Why an upload could not be retried, in the words of what it is (a session's results, or a roster deletion). */
function notRetried(sync: SyncService, bundleId: string): AppError {
  const row = sync.outbox.get(bundleId);
  if (!row) return new AppError('NOT_FOUND', 'that upload is no longer in the list (sent, or discarded)');
  const what = row.kind === 'roster-deletion' ? 'that roster deletion' : `the results of "${row.session_name}"`;
  if (row.state !== 'failed') {
    const where = {
      pending: 'it is waiting to be sent: the next sync sends it',
      accepted: 'the server has it and is storing it',
      synced: 'it is on the server',
      superseded: 'a newer version of it was sent instead',
    }[row.state];
    return new AppError('INVALID_STATE', `${what} did not fail: ${where}`);
  }
  // A failed row keeps its body; without it, what was frozen to send is gone.
  return new AppError(
    'NOT_FOUND',
    row.kind === 'roster-deletion'
      ? `${what} can no longer be sent (what it was to send is gone): discard it; the deletion stays made on this laptop`
      : `${what} can no longer be sent (the frozen copy is gone): process the session again to send it`,
  );
}
