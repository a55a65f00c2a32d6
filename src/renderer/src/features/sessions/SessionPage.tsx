import { useCallback, useState, type FormEvent } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import type { ImportSummary } from '../../../../shared/api/sessions.contract.ts';
import type { Session } from '../../../../shared/domain/session.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { formatDateTime, formatTime } from '../../../../shared/domain/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { href } from '../../app/router.ts';
import { toDateInput, toTimeInput, windowFromInputs } from '../../lib/local-time.ts';
import { ProcessPanel } from './ProcessPanel.tsx';
import { ResultsSection } from './ResultsSection.tsx';

export function SessionPage({ id }: { id: string }) {
  const api = useApi();
  const session = useLoad(() => api['sessions:get']({ id }), [id]);
  const s = session.data;
  if (session.error && !s) {
    return (
      <>
        <p>
          <a href={href({ page: 'sessions' })}>← Sessions</a>
        </p>
        <Notice kind="error">{session.error}</Notice>
      </>
    );
  }
  if (!s) return <p role="status">Loading…</p>;
  return (
    <>
      <p className="crumbs">
        <a href={href({ page: 'sessions' })}>← Sessions</a>
      </p>
      <h1>
        {s.name} <StatusBadge status={s.processingStatus} />
      </h1>
      <p className="muted">
        {formatDateTime(s.startMs)} – {formatTime(s.endMs).slice(0, 5)}
      </p>
      <ProcessPanel session={s} onChanged={session.reload} />
      <ResultsSection sessionId={s.id} status={s.processingStatus} />
      <ImportSection session={s} onChanged={session.reload} />
      <ParticipantsSection session={s} onChanged={session.reload} />
      <DetailsSection session={s} onChanged={session.reload} />
    </>
  );
}

function DetailsSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const [name, setName] = useState(session.name);
  const [date, setDate] = useState(toDateInput(session.startMs));
  const [start, setStart] = useState(toTimeInput(session.startMs));
  const [end, setEnd] = useState(toTimeInput(session.endMs));
  const [msg, setMsg] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api['sessions:update']({ id: session.id, name, ...windowFromInputs(date, start, end) });
      setMsg({ kind: 'success', text: 'Saved.' });
      onChanged();
    } catch (err) {
      setMsg({ kind: 'error', text: errorMessage(err) });
    }
  };
  return (
    <section aria-labelledby="details-h">
      <h2 id="details-h">Session details</h2>
      <form className="inline-form" onSubmit={(e) => void save(e)} aria-label="Session details">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} disabled={locked} />
        </label>
        <label>
          Date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required disabled={locked} />
        </label>
        <label>
          Starts
          <input type="time" value={start} onChange={(e) => setStart(e.target.value)} required disabled={locked} />
        </label>
        <label>
          Ends
          <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} required disabled={locked} />
        </label>
        <button type="submit" disabled={locked}>
          Save details
        </button>
      </form>
      {msg && <Notice kind={msg.kind}>{msg.text}</Notice>}
    </section>
  );
}

function ParticipantsSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const players = useLoad(() => api['players:list'](), []);
  const units = useLoad(() => api['units:list'](), []);
  useEvent(
    'roster:changed',
    useCallback(() => {
      players.reload();
      units.reload();
    }, [players.reload, units.reload]),
  );
  const [playerId, setPlayerId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);
  const current = session.participants.map((p) => ({ playerId: p.playerId, unitId: p.unitId }));

  const save = async (next: { playerId: string; unitId: string }[]) => {
    setError(null);
    try {
      await api['sessions:setParticipants']({ id: session.id, participants: next });
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void save([...current, { playerId, unitId }]).then(() => {
      setPlayerId('');
      setUnitId('');
    });
  };
  const taken = new Set(current.map((p) => p.playerId));
  const takenUnits = new Set(current.map((p) => p.unitId));
  const fmtSize = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`);

  return (
    <section aria-labelledby="participants-h">
      <h2 id="participants-h">Players and units</h2>
      {error && <Notice kind="error" title="Cannot change the participants">{error}</Notice>}
      <table className="data" aria-label="Participants">
        <thead>
          <tr>
            <th scope="col">Player</th>
            <th scope="col">Position</th>
            <th scope="col">Unit</th>
            <th scope="col">Data</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {session.participants.map((p) => (
            <tr key={p.playerId}>
              <td>{p.playerName}</td>
              <td>{p.position || '—'}</td>
              <td className="mono">{p.deviceId}</td>
              <td>
                {p.files.length === 0 ? (
                  <span className="warn-text">No data imported</span>
                ) : (
                  p.files.map((f) => `${f.sourceName} (${fmtSize(f.size)})`).join(', ')
                )}
              </td>
              <td>
                <button
                  type="button"
                  disabled={locked}
                  onClick={() => void save(current.filter((c) => c.playerId !== p.playerId))}
                  aria-label={`Remove ${p.playerName}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
          {session.participants.length === 0 && (
            <tr>
              <td colSpan={5}>No players yet: import a session folder, or add them below.</td>
            </tr>
          )}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={add} aria-label="Add participant">
        <label>
          Player
          <select value={playerId} onChange={(e) => {
            setPlayerId(e.target.value);
            const usual = units.data?.find((u) => u.defaultPlayerId === e.target.value && !takenUnits.has(u.id));
            if (usual) setUnitId(usual.id);
          }} required disabled={locked}>
            <option value="">Choose…</option>
            {players.data?.filter((p) => !taken.has(p.id)).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Unit
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)} required disabled={locked}>
            <option value="">Choose…</option>
            {units.data?.filter((u) => !takenUnits.has(u.id)).map((u) => (
              <option key={u.id} value={u.id}>
                {u.deviceId}
                {u.label ? ` — ${u.label}` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={locked}>
          Add to session
        </button>
      </form>
    </section>
  );
}

function ImportSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);

  const pick = async () => {
    setError(null);
    try {
      const r = await api['app:pickFolder']({ title: 'Choose the session folder' });
      if (r.path) setFolder(r.path);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const run = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setSummary(await api['sessions:importFolder']({ id: session.id, folder }));
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">Import data</h2>
      <p className="muted">
        A folder in the Player1 CSV layout: <code>meta.csv</code> and one folder per unit with <code>gps.csv</code>
        (and <code>imu.csv</code>). The files are copied into the app, so the folder can go afterwards.
      </p>
      <form className="inline-form" onSubmit={(e) => void run(e)} aria-label="Import folder">
        <label className="grow">
          Folder
          <input value={folder} onChange={(e) => setFolder(e.target.value)} required name="import-folder" placeholder="/path/to/session" disabled={locked} />
        </label>
        <button type="button" onClick={() => void pick()} disabled={locked}>
          Choose folder…
        </button>
        <button type="submit" className="primary" disabled={busy || locked}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {error && <Notice kind="error" title="Import failed">{error}</Notice>}
      {summary && (
        <>
          <Notice kind="success" title={`Imported ${summary.units.length} unit(s)`} />
          {summary.warnings.map((w) => (
            <Notice key={w} kind="warning">
              {w}
            </Notice>
          ))}
          <table className="data" aria-label="Imported units">
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Player</th>
                <th scope="col">Files</th>
                <th scope="col">Data from – to</th>
              </tr>
            </thead>
            <tbody>
              {summary.units.map((u) => (
                <tr key={u.deviceId}>
                  <td className="mono">
                    {u.deviceId}
                    {u.createdUnit && <span className="tag">new</span>}
                  </td>
                  <td>
                    {u.playerName}
                    {u.createdPlayer && <span className="tag">new</span>}
                  </td>
                  <td>{u.files.map((f) => f.sourceName).join(', ') || '—'}</td>
                  <td>{u.firstMs != null && u.lastMs != null ? `${formatTime(u.firstMs)} – ${formatTime(u.lastMs)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
