import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import { pickablePlayers, usePlayers, useUnits } from '../roster/useRoster.ts';
import { errorMessage } from '../../api/api.ts';
import type { Session } from '../../../../shared/domain/session.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { Notice } from '../../components/Notice.tsx';
import { formatBytes } from '../../lib/format.ts';

export function ParticipantsSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const players = usePlayers();
  const units = useUnits();
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
                  p.files.map((f) => `${f.sourceName} (${formatBytes(f.size)})`).join(', ')
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
