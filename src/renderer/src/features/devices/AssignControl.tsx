/**
 * "Assign to…" on the spot: pick a player from the roster, or type a new player's name. The
 * unit becomes theirs (its usual wearer) and, with a session chosen, they take part in it.
 */
import { useState, type FormEvent } from 'react';
import type { DeviceView } from '../../../../shared/api/devices.contract.ts';
import { playerLabel, type Player } from '../../../../shared/domain/roster.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';

const NEW = '__new__';

export function AssignControl({
  device,
  players,
  sessionId,
  onDone,
  onCancel,
}: {
  device: DeviceView;
  players: Player[];
  sessionId: string | null;
  onDone: () => void;
  /** Changing a unit's player: a way back that keeps it, and the keyboard starts in the picker. */
  onCancel?: () => void;
}) {
  const api = useApi();
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isNew = choice === NEW;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api['devices:assign']({
        deviceId: device.deviceId,
        ...(isNew ? { newPlayer: { name } } : { playerId: choice }),
        ...(sessionId ? { sessionId } : {}),
      });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="assign-form" onSubmit={(e) => void submit(e)} aria-label={`Assign ${device.unitId}`}>
      <select
        aria-label={`Assign ${device.unitId} to`}
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        required
        name={`assign-${device.unitId}`}
        autoFocus={onCancel !== undefined}
      >
        <option value="">Assign to…</option>
        {players.map((p) => (
          <option key={p.id} value={p.id}>
            {playerLabel(p, players)}
          </option>
        ))}
        <option value={NEW}>New player…</option>
      </select>
      {isNew && (
        <input
          aria-label={`New player for ${device.unitId}`}
          placeholder="Player name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={80}
          name={`assign-name-${device.unitId}`}
        />
      )}
      <button type="submit" disabled={busy || choice === ''}>
        Assign
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel} disabled={busy}>
          Keep {device.player?.name ?? 'as it is'}
        </button>
      )}
      {error && <div className="cell-error" role="alert">{error}</div>}
    </form>
  );
}
