/**
 * The Report page: the session's report as the coach will see it, in a sandboxed frame with no
 * access to the app (ReportFrame), and beside it the session page's Export… menu (HTML, PDF, CSV,
 * units → players), "Open in its own window" and "Open a shared report…". A new run of Process
 * Report reloads the frame.
 */
import { useCallback, useState } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { href } from '../../app/router.ts';
import { formatWindow } from '../../lib/format.ts';
import { formatDateTime } from '../../../../shared/domain/format.ts';
import type { EventPayloads } from '../../../../shared/api/contract.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { Notice } from '../../components/Notice.tsx';
import { ExportPanel } from '../sessions/ExportPanel.tsx';
import { ReportFrame } from './ReportFrame.tsx';
import { OpenSharedReport } from './OpenSharedReport.tsx';
import './reports.css';

export function ReportPage({ sessionId }: { sessionId: string }) {
  const api = useApi();
  const session = useLoad(() => api['sessions:get']({ id: sessionId }), [sessionId]);
  const frame = useLoad(() => api['reports:frame']({ sessionId }), [sessionId]);
  const [error, setError] = useState<string | null>(null);
  const reloadFrame = frame.reload;
  const reloadSession = session.reload;
  useEvent(
    'sessions:changed',
    useCallback(
      (p: EventPayloads['sessions:changed']) => {
        if (p.sessionId !== sessionId) return;
        // The status decides what the page says over the report it shows (a previous one while a
        // run is going or after one failed); a completed run brings the new report.
        reloadSession();
        if (p.status === 'COMPLETED') reloadFrame();
      },
      [sessionId, reloadFrame, reloadSession],
    ),
  );
  const s = session.data;
  // The frame's last good answer stays in `frame.data` after a failed reload: it is shown only
  // while the report it names is still the session's, and then said to be a previous one.
  const shown = frame.error ? null : frame.data;
  const previous =
    shown && s && s.processingStatus !== 'COMPLETED'
      ? ACTIVE_STATUSES.includes(s.processingStatus)
        ? 'The session is being processed again: this is the previous report, and the new one replaces it when it is written.'
        : s.processingStatus === 'FAILED'
          ? `The last Process Report failed${s.error ? ` (${s.error.deviceId ? `${s.error.deviceId}: ` : ''}${s.error.message})` : ''}: this is the previous report, not of the data as it is now.`
          : null
      : null;
  const openWindow = async () => {
    setError(null);
    try {
      const r = await api['reports:open']({ sessionId });
      if (r.url) window.open(r.url, '_blank', 'noopener');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="report-page">
      <p className="crumbs">
        <a href={href('sessions', sessionId)}>← {s ? s.name : 'Session'}</a>
      </p>
      <div className="report-head">
        <h1>Report{s ? `: ${s.name}` : ''}</h1>
        {s && (
          <p className="muted">
            {formatWindow(s.startMs, s.endMs)}
            {shown && shown.generatedAt > 0 && <> · written {formatDateTime(shown.generatedAt)}</>}
          </p>
        )}
      </div>
      {session.error && <Notice kind="error">{session.error}</Notice>}
      <div className="report-toolbar">
        {shown && <ExportPanel sessionId={sessionId} />}
        {shown && (
          <button type="button" onClick={() => void openWindow()}>
            Open in its own window
          </button>
        )}
        <OpenSharedReport />
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {frame.error && (
        <Notice kind="error" title="No report to show">
          {frame.error}
        </Notice>
      )}
      {previous && (
        <Notice kind="warning" title="Previous report">
          {previous}
        </Notice>
      )}
      {shown && <ReportFrame key={`${shown.url}#${shown.generatedAt}`} url={shown.url} title={`Report${s ? ` of ${s.name}` : ''}`} />}
    </div>
  );
}
