import type { ProcessingStatus } from '../../../shared/domain/session.ts';
import { STALE_WHAT, type StaleReason } from '../../../shared/domain/staleness.ts';

const LABEL: Record<ProcessingStatus, string> = {
  PENDING: 'Not processed',
  QUEUED: 'Queued',
  PROCESSING: 'Processing',
  COMPLETED: 'Report ready',
  FAILED: 'Failed',
};

/**
 * Status as text and shape, never colour alone (readable in sunlight and by colour-blind users).
 * A report is "ready" only while its results are current: computed with older settings, periods,
 * window or data it is "out of date", and says why in its title.
 */
export function StatusBadge({ status, stale = [] }: { status: ProcessingStatus; stale?: readonly StaleReason[] }) {
  const outOfDate = status === 'COMPLETED' && stale.length > 0;
  const why = outOfDate ? `Computed with ${stale.map((r) => STALE_WHAT[r]).join(', ')}: process the session again to update` : undefined;
  return (
    <span className={`badge badge-${outOfDate ? 'stale' : status.toLowerCase()}`} data-status={status} data-stale={outOfDate ? stale.join(' ') : undefined} title={why}>
      <span aria-hidden="true" className="badge-icon" />
      {outOfDate ? 'Report out of date' : LABEL[status]}
    </span>
  );
}
