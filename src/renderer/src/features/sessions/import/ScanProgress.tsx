import { ProgressBar } from '../../../components/ProgressBar.tsx';

/** Upload or scan progress, in words and as a bar (never as colour alone). */
export function ScanProgress({ label, done, total, detail }: { label: string; done: number; total: number; detail?: string }) {
  return (
    <div className="scan-progress" role="status">
      <p>
        <span className="spinner" aria-hidden="true" /> {label} {done} of {total}
        {detail ? ` — ${detail}` : ''}
      </p>
      <ProgressBar value={total > 0 ? done / total : 0} label={label} />
    </div>
  );
}
