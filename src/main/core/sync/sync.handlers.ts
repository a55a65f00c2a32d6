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
      if (!sync.outbox.retryFailed(bundleId, Date.now())) {
        throw new AppError('NOT_FOUND', 'that upload is not in the failed list (or its bytes are gone): process the session again to send it');
      }
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
