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
  // A failed upload keeps its frozen copy (outbox.repo.ts markDone); should it ever be gone, it can only be discarded.
  if (row.state === 'failed') return new AppError('INVALID_STATE', `${what} cannot be sent again (its frozen copy is gone): discard it`);
  const where = {
    pending: 'it is waiting to be sent',
    accepted: 'the server has it and is storing it',
    synced: 'it is on the server',
    superseded: 'a newer version of it was sent instead',
  }[row.state];
  return new AppError('INVALID_STATE', `${what} did not fail: ${where}`);
}
