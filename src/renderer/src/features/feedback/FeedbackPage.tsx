/**
 * Player Feedback. With a session (#/feedback/<id>): completion at a glance, kiosk mode for the
 * players and the fast grid for the scientist. Without: import survey files, assign unmatched
 * players, and each session's completion.
 */
import { useCallback, useEffect, useState } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { Notice } from '../../components/Notice.tsx';
import { href } from '../../app/router.ts';
import { KioskMode } from './KioskMode.tsx';
import { FastGrid, longMinutesLimit } from './FastGrid.tsx';
import { SurveyImport } from './SurveyImport.tsx';
import './feedback.css';

export function FeedbackPage({ sessionId }: { sessionId: string | null }) {
  return sessionId ? <SessionFeedbackView sessionId={sessionId} /> : <SurveysHome />;
}

function SessionFeedbackView({ sessionId }: { sessionId: string }) {
  const api = useApi();
  // Kiosk mode takes the whole window (no navigation) until the scientist leaves it with a
  // confirmation; it survives a reload of the window (sessionStorage), so a reload is no way out.
  const kioskKey = `player1.kiosk.${sessionId}`;
  const [kiosk, setKiosk] = useState(() => sessionStorage.getItem(kioskKey) === '1');
  useEffect(() => {
    if (kiosk) sessionStorage.setItem(kioskKey, '1');
    else sessionStorage.removeItem(kioskKey);
    document.body.classList.toggle('kiosk-on', kiosk);
    return () => document.body.classList.remove('kiosk-on');
  }, [kiosk, kioskKey]);
  const session = useLoad(() => api['sessions:get']({ id: sessionId }), [sessionId]);
  const fb = useLoad(() => api['surveys:session']({ sessionId }), [sessionId]);
  const reload = fb.reload;
  const onChanged = useCallback(() => reload(), [reload]);
  useEvent(
    'surveys:changed',
    useCallback((p: { sessionId: string | null }) => {
      if (p.sessionId === null || p.sessionId === sessionId) reload();
    }, [reload, sessionId]),
  );
  const f = fb.data;
  const sessionMin = session.data ? Math.round((session.data.endMs - session.data.startMs) / 60_000) : null;
  return (
    <>
      <p className="crumbs">
        <a href={href('sessions', sessionId)}>← {session.data?.name ?? 'Session'}</a>
      </p>
      <h1>Player Feedback{session.data ? `: ${session.data.name}` : ''}</h1>
      {fb.error && <Notice kind="error">{fb.error}</Notice>}
      {f && (
        <>
          <div className="completion" role="status" aria-label="Completion">
            <span>
              RPE <strong>{f.completion.rpe}</strong> of {f.completion.players}
            </span>
            <span>
              Wellness <strong>{f.completion.wellness}</strong> of {f.completion.players}
            </span>
            <span>
              Complete <strong>{f.completion.pct.toFixed(0)} %</strong>
            </span>
            <span className="muted">Wellness scale: {f.wellnessScale.name} (Settings)</span>
          </div>
          {kiosk ? (
            <div className="kiosk-full">
              <KioskMode feedback={f} onChanged={onChanged} onExit={() => setKiosk(false)} />
            </div>
          ) : (
            <p>
              <button type="button" className="primary big" onClick={() => setKiosk(true)}>
                Start kiosk mode (players answer)
              </button>{' '}
              <span className="muted">The whole window becomes the players' grid and questions, without the app's navigation; leaving it needs a confirmation.</span>
            </p>
          )}
          {!kiosk && <FastGrid feedback={f} sessionMin={sessionMin} onChanged={onChanged} />}
          <p className="muted">
            Every answer is saved the moment it is given, with the time. An RPE given less than {f.settings.earlyRpeMin} min after the session ended is marked
            early (Foster asks about 30 min). sRPE = RPE × minutes (the session's length unless minutes are typed).
            {sessionMin !== null &&
              ` Minutes more than the session's length plus a quarter (at least 15 min more: here over ${longMinutesLimit(sessionMin)} min) are kept but marked ⚠ to check.`}
          </p>
        </>
      )}
    </>
  );
}

function SurveysHome() {
  const api = useApi();
  const sessions = useLoad(() => api['sessions:list'](), []);
  const unmatched = useLoad(() => api['surveys:unmatched'](), []);
  const players = useLoad(() => api['players:list'](), []);
  const [msg, setMsg] = useState<string | null>(null);
  const assign = async (sourcePlayer: string, playerId: string) => {
    if (!playerId) return;
    const r = await api['surveys:assign']({ sourcePlayer, playerId });
    setMsg(`${r.assigned} answer(s) of "${sourcePlayer}" now belong to ${players.data?.find((p) => p.id === playerId)?.name ?? 'the player'}.`);
    unmatched.reload();
  };
  return (
    <>
      <h1>Player Feedback</h1>
      <p className="muted">RPE and wellness: open a session to answer (kiosk) or type answers (fast grid), or import survey files from other tools.</p>
      <h2>Sessions</h2>
      {sessions.data && sessions.data.length === 0 && <p>No sessions yet.</p>}
      <ul>
        {sessions.data?.map((s) => (
          <li key={s.id}>
            <a href={href('feedback', s.id)}>{s.name}</a>
          </li>
        ))}
      </ul>
      <h2>Import survey answers (CSV)</h2>
      <SurveyImport onImported={() => unmatched.reload()} />
      {/* Shown when there is something to assign, or right after the last one was (the confirmation). */}
      {msg && <Notice kind="success">{msg}</Notice>}
      {unmatched.data && unmatched.data.length > 0 && <h2>Players to assign</h2>}
      {unmatched.data && unmatched.data.length > 0 && (
        <table className="data" aria-label="Players to assign">
          <thead>
            <tr>
              <th scope="col">In the file</th>
              <th scope="col">Answers</th>
              <th scope="col">Days</th>
              <th scope="col">Roster player</th>
            </tr>
          </thead>
          <tbody>
            {unmatched.data.map((u) => (
              <tr key={u.sourcePlayer}>
                <td>{u.sourcePlayer}</td>
                <td>{u.answers}</td>
                <td>
                  {u.firstDay} – {u.lastDay}
                </td>
                <td>
                  <select aria-label={`Roster player for ${u.sourcePlayer}`} defaultValue="" onChange={(e) => void assign(u.sourcePlayer, e.target.value)}>
                    <option value="">Choose…</option>
                    {players.data?.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
