/**
 * One unit's download: a progress bar with bytes, rate and time left and a Cancel button while it
 * runs; what landed when it is done; the unit's own failure sentence and Retry when it failed.
 * The state is always written out in words (and a symbol), never shown by colour alone.
 */
import type { DownloadStatus } from '../../../../shared/api/devices.contract.ts';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { formatBytes } from '../../lib/format.ts';
import { formatEta, formatRate } from './transfer-format.ts';

export interface DownloadCellProps {
  unitId: string;
  status: DownloadStatus | null;
  /** Name of the status's session when it is not the one picked on the page. */
  otherSession: string | null;
  canRetry: boolean;
  onCancel: () => void;
  onRetry: () => void;
}

export function DownloadCell({ unitId, status, otherSession, canRetry, onCancel, onRetry }: DownloadCellProps) {
  if (!status) return <span className="muted">Not downloaded yet</span>;
  const where = otherSession ? <div className="warn-text small">into “{otherSession}”, not the session picked above</div> : null;

  if (status.state === 'running') {
    const fraction = status.bytesTotal > 0 ? status.bytesDone / status.bytesTotal : 0;
    return (
      <div className="dl dl-running" data-state="running">
        <div className="dl-state">
          <span aria-hidden="true">⇣</span> {status.bytesTotal > 0 ? 'Downloading' : 'Starting…'}
        </div>
        <ProgressBar value={fraction} label={`${unitId} download`} />
        <div className="dl-figures">
          {formatBytes(status.bytesDone)} of {formatBytes(status.bytesTotal)} · {formatRate(status.rateBps)} · {formatEta(status.etaMs)}
        </div>
        {where}
        <button type="button" onClick={onCancel} aria-label={`Cancel download from ${unitId}`}>
          Cancel
        </button>
      </div>
    );
  }

  if (status.state === 'done') {
    const bytes = status.files.reduce((s, f) => s + f.size, 0);
    const resumed = status.files.some((f) => f.resumedFromOffset > 0 && !f.alreadyStored);
    const already = status.files.length > 0 && status.files.every((f) => f.alreadyStored);
    return (
      <div className="dl dl-done" data-state="done">
        <div className="dl-state">
          <span aria-hidden="true">✔</span> Downloaded
        </div>
        <ProgressBar value={1} label={`${unitId} download`} />
        <div className="dl-figures">
          {status.files.length} file{status.files.length === 1 ? '' : 's'}, {formatBytes(bytes)}
          {resumed ? ' (resumed where it stopped)' : ''}
          {already ? ' (already stored)' : ''}
          {status.player ? ` → ${status.player.name}` : ''}
        </div>
        {where}
        {status.warnings.map((w) => (
          <div key={w} className="warn-text small">
            <span aria-hidden="true">⚠ </span>
            {w}
          </div>
        ))}
      </div>
    );
  }

  const cancelled = status.code === 'CANCELLED';
  return (
    <div className="dl dl-failed" data-state="failed">
      <div className="dl-state">
        <span aria-hidden="true">✖</span> {cancelled ? 'Cancelled' : 'Failed'}
      </div>
      <div className="cell-error failure-message">{status.message}</div>
      {status.bytesVerified > 0 && <div className="muted small">{formatBytes(status.bytesVerified)} verified and kept: the next try resumes there.</div>}
      {where}
      <button type="button" className="primary" onClick={onRetry} disabled={!canRetry} aria-label={`Retry ${unitId}`}>
        {cancelled ? 'Resume' : 'Retry'}
      </button>
    </div>
  );
}
