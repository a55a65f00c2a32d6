import type { ProcessingStatus } from '../../../shared/domain/session.ts';

const LABEL: Record<ProcessingStatus, string> = {
  PENDING: 'Not processed',
  QUEUED: 'Queued',
  PROCESSING: 'Processing',
  COMPLETED: 'Report ready',
  FAILED: 'Failed',
};

/** Status as text and shape, never colour alone (readable in sunlight and by colour-blind users). */
export function StatusBadge({ status }: { status: ProcessingStatus }) {
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-status={status}>
      <span aria-hidden="true" className="badge-icon" />
      {LABEL[status]}
    </span>
  );
}
