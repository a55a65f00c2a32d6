/**
 * Who took part and what they wore: per player, every unit worn in the session with its files
 * (a unit can be added beside it or removed), and, for a player wearing several, which unit each
 * kind of data (GNSS, accelerometer, heart rate) is taken from. A change after processing marks
 * that player's result stale (the Process panel says so); nothing recomputes by itself.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import { pickablePlayers, usePlayers, useUnits } from '../roster/useRoster.ts';
import { errorMessage } from '../../api/api.ts';
import type { SessionResults } from '../../../../shared/api/results.contract.ts';
import { ACTIVE_STATUSES, participantUnits, type Session } from '../../../../shared/domain/session.ts';
import { STREAM_DEFAULT_RULE, STREAM_KIND_LABEL, STREAM_KINDS, type StreamKind } from '../../../../shared/domain/stream-sources.ts';
import { playerLabel, type Unit } from '../../../../shared/domain/roster.ts';
import { Notice } from '../../components/Notice.tsx';
import { formatBytes } from '../../lib/format.ts';
import { SourcesCell } from './SourcesCell.tsx';

/** The units a select offers (none worn in the session yet), after a "Choose…" placeholder. */
function UnitOptions({ units }: { units: Unit[] }) {
  return (
    <>
      <option value="">Choose…</option>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {u.deviceId}
          {u.label ? ` — ${u.label}` : ''}
        </option>
      ))}
    </>
  );
}

export function ParticipantsSection({ session, results, onChanged }: { session: Session; results?: SessionResults | null; onChanged: () => void }) {
  const api = useApi();
  const players = usePlayers();
  const units = useUnits();
  const [playerId, setPlayerId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [wearer, setWearer] = useState('');
  const [extraUnit, setExtraUnit] = useState('');
  const [error, setError] = useState<string | null>(null);
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);
  const current = session.participants.map((p) => ({ playerId: p.playerId, unitId: p.unitId }));
  const usedBy = new Map((results?.players ?? []).map((r) => [r.playerId, r.sources?.used ?? null]));

  const run = async (what: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await what();
      onChanged();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };
  const save = (next: { playerId: string; unitId: string }[]) => run(() => api['sessions:setParticipants']({ id: session.id, participants: next }));
  const add = (e: FormEvent) => {
    e.preventDefault();
    void save([...current, { playerId, unitId }]).then((ok) => {
      if (!ok) return;
      setPlayerId('');
      setUnitId('');
    });
  };
  const addUnit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api['sessions:addUnit']({ id: session.id, playerId: wearer, unitId: extraUnit })).then((ok) => ok && setExtraUnit(''));
  };
  const setSource = (pid: string, kind: StreamKind, unit: string | null) =>
    void run(() => api['sessions:setSources']({ id: session.id, playerId: pid, sources: { [kind]: unit } }));
  const taken = new Set(current.map((p) => p.playerId));
  // Every unit worn by anyone in the session (main or beside another).
  const worn = new Set(session.participants.flatMap((p) => participantUnits(p).map((u) => u.unitId)));
  const freeUnits = (units.data ?? []).filter((u) => !worn.has(u.id));
  const nameOf = (pid: string, fallback: string) => {
    const p = players.data?.find((x) => x.id === pid);
    return p ? playerLabel(p, players.data ?? []) : fallback;
  };
  const several = session.participants.some((p) => participantUnits(p).length > 1);

  return (
    <section aria-labelledby="participants-h">
      <h2 id="participants-h">Players and units</h2>
      {several ? (
        <p className="muted">
          A player can wear several units (a GNSS pod with a watch or an HR strap): each kind of data is then taken from one of them. Automatic:{' '}
          {STREAM_KINDS.map((k, i) => (
            <span key={k}>
              {i > 0 ? '; ' : ''}
              {STREAM_KIND_LABEL[k]} from {STREAM_DEFAULT_RULE[k]}
            </span>
          ))}
          . A change after processing marks the player's result out of date until you process again.
        </p>
      ) : (
        <p className="muted">A player can wear several units (a GNSS pod with a watch or an HR strap): add one beside a player's below, then choose which unit gives which kind of data.</p>
      )}
      {error && <Notice kind="error" title="Cannot change the participants">{error}</Notice>}
      <div className="table-scroll">
        <table className="data participants" aria-label="Participants">
          <thead>
            <tr>
              <th scope="col">Player</th>
              <th scope="col">Units worn and their data</th>
              <th scope="col">Data taken from</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {session.participants.map((p) => {
              const mine = participantUnits(p);
              return (
                <tr key={p.playerId} data-player={p.playerId}>
                  <th scope="row">
                    {nameOf(p.playerId, p.playerName)}
                    {/* A namesake's label already carries the position. */}
                    {p.position && nameOf(p.playerId, p.playerName) === p.playerName && <small className="position"> {p.position}</small>}
                  </th>
                  <td>
                    <ul className="worn-units">
                      {mine.map((u) => (
                        <li key={u.unitId} data-unit={u.deviceId}>
                          <span className="mono">{u.deviceId}</span>{' '}
                          {u.files.length === 0 ? (
                            <span className="warn-text">No data imported</span>
                          ) : (
                            <span className="files">{u.files.map((f) => `${f.sourceName} (${formatBytes(f.size)})`).join(', ')}</span>
                          )}
                          {mine.length > 1 && (
                            <button
                              type="button"
                              className="remove-unit"
                              disabled={locked}
                              aria-label={`Remove ${u.deviceId} from ${p.playerName}`}
                              onClick={() => void run(() => api['sessions:removeUnit']({ id: session.id, playerId: p.playerId, unitId: u.unitId }))}
                            >
                              Remove unit
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="sources-cell">
                    <SourcesCell participant={p} used={usedBy.get(p.playerId) ?? null} disabled={locked} onChange={(k, u) => setSource(p.playerId, k, u)} />
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
              );
            })}
            {session.participants.length === 0 && (
              <tr>
                <td colSpan={4}>No players yet: import a session folder, or add them below.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <form className="inline-form" onSubmit={add} aria-label="Add participant">
        <label>
          Player
          <select value={playerId} onChange={(e) => {
            setPlayerId(e.target.value);
            const usual = freeUnits.find((u) => u.defaultPlayerId === e.target.value);
            if (usual) setUnitId(usual.id);
          }} required disabled={locked}>
            <option value="">Choose…</option>
            {pickablePlayers(players.data).filter((p) => !taken.has(p.id)).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Unit
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)} required disabled={locked}>
            <UnitOptions units={freeUnits} />
          </select>
        </label>
        <button type="submit" disabled={locked}>
          Add to session
        </button>
      </form>
      {session.participants.length > 0 && <p className="add-unit-note muted">A second unit for a player already here (a watch or an HR strap beside their pod):</p>}
      {session.participants.length > 0 && (
        <form className="inline-form" onSubmit={addUnit} aria-label="Add a unit to a player">
          <label>
            Player
            <select value={wearer} onChange={(e) => setWearer(e.target.value)} required disabled={locked}>
              <option value="">Choose…</option>
              {session.participants.map((p) => (
                <option key={p.playerId} value={p.playerId}>
                  {nameOf(p.playerId, p.playerName)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Also wears
            <select value={extraUnit} onChange={(e) => setExtraUnit(e.target.value)} required disabled={locked}>
              <UnitOptions units={freeUnits} />
            </select>
          </label>
          <button type="submit" disabled={locked}>
            Add unit
          </button>
        </form>
      )}
    </section>
  );
}
