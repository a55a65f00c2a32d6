import type { FileStage } from '../../../../../shared/api/imports.contract.ts';

const STAGE: Record<FileStage, string> = {
  queued: '… Waiting',
  reading: '◔ Reading',
  done: '✔ Read',
  failed: '✖ Failed',
  skipped: '– Not a data file',
};

/** A file of a running scan that has not come back yet. */
export function PendingRow({ sourceName, stage }: { sourceName: string; stage: FileStage }) {
  return (
    <tr data-file={sourceName} className="pending">
      <td />
      <td className="mono file-name">{sourceName}</td>
      <td colSpan={6}>{STAGE[stage]}</td>
    </tr>
  );
}
