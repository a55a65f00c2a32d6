/**
 * Process Report / progress / View Report. Status and progress arrive as pushed events
 * (sessions:changed, jobs:progress); nothing polls.
 */
import { useCallback, useEffect, useState } from 'react';
import { useApi, useEvent } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import type { JobStatus, ParticipantProgress } from '../../../../shared/api/jobs.contract.ts';
import type { SessionResults } from '../../../../shared/api/results.contract.ts';
import { staleNotice, type StaleReason } from '../../../../shared/domain/staleness.ts';
import type { EventPayloads } from '../../../../shared/api/contract.ts';
import type { Session, SessionError } from '../../../../shared/domain/session.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { formatDateTime } from '../../../../shared/domain/format.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { Notice } from '../../components/Notice.tsx';
import { navigate } from '../../app/router.ts';

const STAGE: Record<ParticipantProgress['stage'], string> = {
  waiting: 'Waiting',
  reading: 'Reading files',
  computing: 'Computing',
  done: 'Done',
  failed: 'Failed',
};

export function ProcessPanel({ session, results, onChanged }: { session: Session; results: SessionResults | null; onChanged: () => void }) {
  const api = useApi();
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  // The session is open and may be processed next: the core checks its stored data meanwhile.
  // Asked again when files land here, and when a Process Report (of any session) ends: the core
  // takes nothing on while one runs, and a file it took on lately is not taken again.
  const fileCount = session.participants.reduce((n, p) => n + p.files.length, 0);
  const prepare = useCallback(() => {
    api['jobs:prepare']({ sessionId: session.id }).catch(() => {});
  }, [api, session.id]);
  useEffect(() => prepare(), [prepare, fileCount]);
  useEvent(
    'sessions:changed',
    useCallback(
      (p: EventPayloads['sessions:changed']) => {
        if (p.status === 'COMPLETED' || p.status === 'FAILED') prepare();
      },
      [prepare],
    ),
  );

  useEffect(() => {
    let live = true;
    api['jobs:status']({ sessionId: session.id }).then(
      (j) => live && setJob(j),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, session.id]);

  useEvent(
    'jobs:progress',
    useCallback(
      (p: EventPayloads['jobs:progress']) => {
        if (p.sessionId !== session.id) return;
        setJob((j) => {
          if (!j) return j;
          const { sessionId: _s, ...row } = p;
          const others = j.participants.filter((x) => x.playerId !== p.playerId);
          return { ...j, participants: [...others, row] };
        });
      },
      [session.id],
    ),
  );
  useEvent(
    'sessions:changed',
    useCallback(
      (p: EventPayloads['sessions:changed']) => {
        if (p.sessionId !== session.id) return;
        setJob((j) => (j ? { ...j, status: p.status, error: p.error } : j));
        onChanged();
      },
      [session.id, onChanged],
    ),
  );

  const status = session.processingStatus;
  // "Cannot process" was said of the session as it was: once its players, units or files (or its
  // status) change, the message no longer describes the page and goes (the next click says anew).
  const dataKey = `${status}|${session.participants.map((p) => `${p.playerId}:${p.deviceId}:${p.files.length}`).join(',')}`;
  useEffect(() => setError(null), [dataKey]);
  const active = ACTIVE_STATUSES.includes(status);

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      setJob(await api['jobs:start']({ sessionId: session.id }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };
  // The Report page: the report in a sandboxed frame, with the Export menu beside it.
  const view = () => navigate('report', session.id);

  const byPlayer = new Map(job?.participants.map((p) => [p.playerId, p]) ?? []);
  // Stored results that processing now would compute differently: said next to the button, never redone by itself.
  const stalePlayers = results?.players.filter((p) => p.stale.length > 0) ?? [];
  const staleReasons = [...new Set(stalePlayers.flatMap((p) => p.stale))] as StaleReason[];
  const stale = active ? null : staleNotice(staleReasons, { stale: stalePlayers.length, of: results?.players.length ?? 0 });
  return (
    <section aria-labelledby="process-h" className="process-panel">
      <h2 id="process-h">Report</h2>
      <div className="process-row">
        {/* As the page's heading says it: "Report out of date" beside the notice saying why, never "Report ready". */}
        <StatusBadge status={status} stale={active ? [] : staleReasons} />
        {!active && (
          <button type="button" className="primary big" onClick={() => void start()} disabled={starting}>
            {status === 'PENDING' ? 'Process Report' : 'Process Report again'}
          </button>
        )}
        {active && (
          <span className="spinner-label" role="status">
            <span className="spinner" aria-hidden="true" /> {status === 'QUEUED' ? 'Queued…' : 'Processing…'}
          </span>
        )}
        {session.reportPath && !active && (
          <button type="button" className={status === 'COMPLETED' ? 'primary big' : 'big'} onClick={view}>
            {status === 'COMPLETED' ? 'View Report' : 'View previous report'}
          </button>
        )}
        {stale && (
          <p className="stale-notice" role="status" data-stale={staleReasons.join(' ')}>
            <span aria-hidden="true">⚠ </span>
            {stale}
          </p>
        )}
      </div>
      {session.lastProcessedAt && (
        <p className="muted">Last processed {formatDateTime(session.lastProcessedAt)}.</p>
      )}
      {error && <Notice kind="error" title="Cannot process this session">{error}</Notice>}
      {status === 'FAILED' && session.error && <FailureNotice error={session.error} />}
      {(active || (job && job.participants.length > 0 && status !== 'PENDING')) && (
        <table className="data progress-table" aria-label="Progress per player">
          <thead>
            <tr>
              <th scope="col">Player</th>
              <th scope="col">Unit</th>
              <th scope="col">Stage</th>
              <th scope="col" style={{ width: '40%' }}>Progress</th>
            </tr>
          </thead>
          <tbody>
            {session.participants.map((p) => {
              const pr = byPlayer.get(p.playerId);
              return (
                <tr key={p.playerId} data-device={p.deviceId}>
                  <td>{p.playerName}</td>
                  <td className="mono">{p.deviceId}</td>
                  <td>{pr ? STAGE[pr.stage] : '—'}</td>
                  <td>
                    <ProgressBar value={pr?.fraction ?? 0} label={`${p.playerName} progress`} failed={pr?.stage === 'failed'} />
                    {pr?.stage === 'failed' && pr.message && <div className="cell-error">{pr.message}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FailureNotice({ error }: { error: SessionError }) {
  const title =
    error.scope === 'unit' && error.deviceId
      ? `Unit ${error.deviceId}${error.playerName ? ` (${error.playerName})` : ''} failed`
      : 'Processing failed';
  return (
    <Notice kind="error" title={title}>
      <p className="failure-message">{error.message}</p>
      {error.more && error.more.length > 0 && (
        <ul>
          {error.more.map((m) => (
            <li key={m.deviceId}>
              Also unit {m.deviceId} ({m.playerName}): {m.message}
            </li>
          ))}
        </ul>
      )}
      <p>The other players' results were kept. Fix or re-import the unit's files, then click Process Report again.</p>
    </Notice>
  );
}
