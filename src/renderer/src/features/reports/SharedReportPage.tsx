/**
 * A report someone else made, opened from a file: shown as it is, read-only, in the same sandboxed
 * frame as our own reports. A banner says which file it is, where it lies and that nothing of it
 * is imported, processed or exported, and whether its charts are drawn (only this version's report
 * viewer runs in it; another version's report shows its tables). No Export menu: the file is the
 * sender's, and none of our data goes into it.
 */
import { useApi, useLoad } from '../../api/context.tsx';
import { href } from '../../app/router.ts';
import { formatBytes } from '../../lib/format.ts';
import { formatDateTime } from '../../../../shared/domain/format.ts';
import type { SharedReportInfo } from '../../../../shared/api/reports.contract.ts';
import { Notice } from '../../components/Notice.tsx';
import { ReportFrame } from './ReportFrame.tsx';
import { OpenSharedReport } from './OpenSharedReport.tsx';

function scriptsSentence(r: SharedReportInfo): string {
  switch (r.scripts) {
    case 'viewer':
      return "Its charts are drawn by this app's own report viewer; nothing else in the file runs.";
    case 'viewer-others-blocked':
      return "Its charts are drawn by this app's own report viewer. The file also holds other scripts: they were not run.";
    case 'blocked':
      return r.madeByPlayer1
        ? 'It was written by another version of Player1 Pitchside, so its scripts are not run here: the charts are not drawn, every table is shown.'
        : 'Its scripts are not run here.';
    case 'none':
      return 'It has no scripts.';
  }
}

export function SharedReportPage({ token }: { token: string }) {
  const api = useApi();
  const info = useLoad(() => api['reports:shared']({ token }), [token]);
  const r = info.data;
  return (
    <div className="report-page">
      <p className="crumbs">
        <a href={href('sessions')}>← Sessions</a>
      </p>
      <div className="report-head">
        <h1>Shared report{r?.title ? `: ${r.title}` : ''}</h1>
      </div>
      {info.error && <Notice kind="error">{info.error}</Notice>}
      {r && (
        <div className="shared-banner" role="note" aria-label="Shared report, read-only">
          <strong>Read-only · made by someone else</strong>
          <p>
            The file <span className="mono">{r.fileName}</span> in <span className="mono">{r.folder}</span> ({formatBytes(r.bytes)}, saved {formatDateTime(r.modifiedAt)}).
            {!r.madeByPlayer1 && ' It does not look like a Player1 Pitchside report.'} It is shown as it is: nothing in it is imported, processed or exported, and it has no access to this
            app or its data. {scriptsSentence(r)}
          </p>
        </div>
      )}
      <div className="report-toolbar">
        <OpenSharedReport />
      </div>
      {r && <ReportFrame key={r.url} url={r.url} title={`Shared report ${r.fileName}`} />}
    </div>
  );
}
