import { href } from '../../app/router.ts';
import { formatDateTime } from '../../../../shared/domain/format.ts';
import { syncSummary, useSyncStatus } from './useSyncStatus.ts';

/** Always in the navigation: pending items, last success, last error; opens the Sync page. */
export function SyncIndicator() {
  const s = useSyncStatus();
  const { text, tone } = syncSummary(s);
  return (
    <a className={`sync-indicator sync-${tone}`} href={href('sync')} data-testid="sync-indicator" aria-label={`${text}. Open sync`}>
      <span className="sync-line">{text}</span>
      {s?.lastSuccessAt != null && <span className="sync-sub">Last synced {formatDateTime(s.lastSuccessAt)}</span>}
      {s?.lastError && s.pending > 0 && <span className="sync-sub sync-err">Last error: {s.lastError.message}</span>}
    </a>
  );
}
