import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import { usePlayers, useUnits } from './useRoster.ts';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';
import { href } from '../../app/router.ts';

const POSITIONS = ['GK', 'CB', 'FB', 'CM', 'WM', 'FW'];

export function RosterPage() {
  const api = useApi();
  const players = usePlayers();
  const units = useUnits();
  const [error, setError] = useState<string | null>(null);

  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const [name, setName] = useState('');
  const [position, setPosition] = useState('');
  const addPlayer = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api['players:create']({ name, position });
      setName('');
      setPosition('');
    });
  };

  const [deviceId, setDeviceId] = useState('');
  const [label, setLabel] = useState('');
  const [wearer, setWearer] = useState('');
  const addUnit = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api['units:create']({ deviceId, label, defaultPlayerId: wearer || null });
      setDeviceId('');
      setLabel('');
      setWearer('');
    });
  };

  const playerName = (id: string | null) => players.data?.find((p) => p.id === id)?.name ?? '—';

  return (
    <>
      <h1>Roster</h1>
      {error && <Notice kind="error" title="That did not work">{error}</Notice>}

      <section aria-labelledby="players-h">
        <h2 id="players-h">Players</h2>
        <form className="inline-form" onSubmit={addPlayer} aria-label="Add player">
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} name="player-name" />
          </label>
          <label>
            Position
            <input value={position} onChange={(e) => setPosition(e.target.value)} list="positions" maxLength={40} name="player-position" />
          </label>
          <datalist id="positions">
            {POSITIONS.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <button type="submit" className="primary">
            Add player
          </button>
        </form>
        <table className="data" aria-label="Players">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Position</th>
              <th scope="col">Usual unit</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {players.data?.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={href('player', p.id)}>{p.name}</a>
                </td>
                <td>{p.position || '—'}</td>
                <td>{units.data?.filter((u) => u.defaultPlayerId === p.id).map((u) => u.deviceId).join(', ') || '—'}</td>
                <td>
                  <button type="button" onClick={() => void act(() => api['players:delete']({ id: p.id }))} aria-label={`Delete ${p.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
            {players.data?.length === 0 && (
              <tr>
                <td colSpan={4}>No players yet. Add them here, or import a session folder: its meta.csv adds them.</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="units-h">
        <h2 id="units-h">Units</h2>
        <form className="inline-form" onSubmit={addUnit} aria-label="Add unit">
          <label>
            Device id
            <input value={deviceId} onChange={(e) => setDeviceId(e.target.value)} required maxLength={64} pattern="[A-Za-z0-9._\-]+" name="unit-device-id" />
          </label>
          <label>
            Label
            <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={60} name="unit-label" />
          </label>
          <label>
            Usually worn by
            <select value={wearer} onChange={(e) => setWearer(e.target.value)} name="unit-wearer">
              <option value="">—</option>
              {players.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            Add unit
          </button>
        </form>
        <table className="data" aria-label="Units">
          <thead>
            <tr>
              <th scope="col">Device id</th>
              <th scope="col">Label</th>
              <th scope="col">Usually worn by</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {units.data?.map((u) => (
              <tr key={u.id}>
                <td className="mono">{u.deviceId}</td>
                <td>{u.label || '—'}</td>
                <td>
                  <select
                    aria-label={`Wearer of ${u.deviceId}`}
                    value={u.defaultPlayerId ?? ''}
                    onChange={(e) => void act(() => api['units:update']({ id: u.id, defaultPlayerId: e.target.value || null }))}
                  >
                    <option value="">— ({playerName(null)})</option>
                    {players.data?.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" onClick={() => void act(() => api['units:delete']({ id: u.id }))} aria-label={`Delete unit ${u.deviceId}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
            {units.data?.length === 0 && (
              <tr>
                <td colSpan={4}>No units yet.</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </>
  );
}
