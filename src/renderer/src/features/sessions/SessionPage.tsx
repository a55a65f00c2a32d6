import { useApi, useLoad } from '../../api/context.tsx';
import { formatWindow } from '../../lib/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { href } from '../../app/router.ts';
import { ProcessPanel } from './ProcessPanel.tsx';
import { ResultsSection } from './ResultsSection.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { ImportSection } from './ImportSection.tsx';
import { ParticipantsSection } from './ParticipantsSection.tsx';
import { DetailsSection } from './DetailsSection.tsx';
import { PeriodsSection } from './PeriodsSection.tsx';
import { useSessionResults } from './useSessionResults.ts';

export function SessionPage({ id }: { id: string }) {
  const api = useApi();
  const session = useLoad(() => api['sessions:get']({ id }), [id]);
  const s = session.data;
  // Loaded here once: the Process panel (stale notice) and the Results section share them.
  const results = useSessionResults(id);
  if (session.error && !s) {
    return (
      <>
        <p>
          <a href={href('sessions')}>← Sessions</a>
        </p>
        <Notice kind="error">{session.error}</Notice>
      </>
    );
  }
  // The page opens on its results when it has them: nothing below the report panel is laid out
  // until they are known, so the import controls never stand where the results will appear.
  if (!s || (results.loading && !results.data && !results.error)) return <p role="status">Loading…</p>;
  const stale = [...new Set((results.data?.players ?? []).flatMap((p) => p.stale))];
  return (
    <>
      <p className="crumbs">
        <a href={href('sessions')}>← Sessions</a>
      </p>
      <h1>
        {s.name} <StatusBadge status={s.processingStatus} stale={stale} />
      </h1>
      <p className="muted">
        {formatWindow(s.startMs, s.endMs)}
      </p>
      <ProcessPanel session={s} results={results.data} onChanged={session.reload} />
      <p>
        <a href={href('feedback', s.id)}>Player Feedback: RPE and wellness (kiosk, fast grid) →</a>
      </p>
      {s.reportPath && <ExportPanel sessionId={s.id} />}
      <ResultsSection results={results.data} />
      <ImportSection session={s} onChanged={session.reload} />
      <ParticipantsSection session={s} results={results.data} onChanged={session.reload} />
      <PeriodsSection session={s} />
      <DetailsSection session={s} onChanged={session.reload} />
    </>
  );
}
