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
  useEvent(
    'sessions:changed',
    useCallback(
      (p: EventPayloads['sessions:changed']) => {
        if (p.sessionId === sessionId && p.status === 'COMPLETED') reloadFrame();
      },
      [sessionId, reloadFrame],
    ),
  );
  const s = session.data;
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
            {frame.data && frame.data.generatedAt > 0 && <> · written {formatDateTime(frame.data.generatedAt)}</>}
          </p>
        )}
      </div>
      {session.error && <Notice kind="error">{session.error}</Notice>}
      <div className="report-toolbar">
        {frame.data && <ExportPanel sessionId={sessionId} />}
        {frame.data && (
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
      {frame.data && <ReportFrame key={`${frame.data.url}#${frame.data.generatedAt}`} url={frame.data.url} title={`Report${s ? ` of ${s.name}` : ''}`} />}
    </div>
  );
}
