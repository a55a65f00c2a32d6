/**
 * The roster: players (name, position, shirt number, date of birth, squad; two of one name are
 * told apart by those) and units (the id each reports, a label, who usually wears it). Each can be
 * edited in place. A player who left is archived: kept in every session and result, hidden from
 * the pickers, and can come back. Squads filter the list.
 */
import { useState } from 'react';
import { useApi } from '../../api/context.tsx';
import { pickablePlayers, usePlayers, useUnits } from './useRoster.ts';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';
import { href } from '../../app/router.ts';
import { playerLabel, type Player } from '../../../../shared/domain/roster.ts';
import { emptyPlayer, fieldsOf, PlayerForm } from './PlayerForm.tsx';
import { UnitsSection } from './UnitsSection.tsx';

export function RosterPage() {
  const api = useApi();
  const players = usePlayers();
  const units = useUnits();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [squad, setSquad] = useState('');
  const [showLeft, setShowLeft] = useState(false);

  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const all = players.data ?? [];
  const squads = [...new Set(all.map((p) => p.squad).filter(Boolean))].sort();
  const left = all.filter((p) => p.archivedAt !== null).length;
  const shown = all.filter((p) => (showLeft || p.archivedAt === null) && (!squad || (squad === '__none' ? p.squad === '' : p.squad === squad)));

  return (
    <>
      <h1>Roster</h1>
      {error && <Notice kind="error" title="That did not work">{error}</Notice>}

      <section aria-labelledby="players-h">
        <h2 id="players-h">Players</h2>
        <PlayerForm
          initial={emptyPlayer}
          squads={squads}
          label="Add player"
          submitLabel="Add player"
          prefix="player"
          onSubmit={async (input) => {
            await api['players:create'](input);
          }}
        />
        <form className="inline-form filters" aria-label="Filter players" onSubmit={(e) => e.preventDefault()}>
          <label>
            Squad
            <select value={squad} onChange={(e) => setSquad(e.target.value)} name="filter-squad">
              <option value="">All squads</option>
              {squads.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
              <option value="__none">No squad</option>
            </select>
          </label>
          <label className="check-label">
            <input type="checkbox" checked={showLeft} onChange={(e) => setShowLeft(e.target.checked)} name="show-left" />
            Show players who left ({left})
          </label>
        </form>
        <table className="data roster-table" aria-label="Players">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Position</th>
              <th scope="col">Shirt</th>
              <th scope="col">Born</th>
              <th scope="col">Squad</th>
              <th scope="col">Usual unit</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) =>
              editing === p.id ? (
                <tr key={p.id} data-player={p.id}>
                  <td colSpan={7}>
                    <PlayerForm
                      initial={fieldsOf(p)}
                      squads={squads}
                      label={`Edit ${p.name}`}
                      submitLabel="Save"
                      prefix="edit"
                      onCancel={() => setEditing(null)}
                      onSubmit={async (input) => {
                        await api['players:update']({ id: p.id, ...input });
                        setEditing(null);
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <PlayerRow
                  key={p.id}
                  p={p}
                  all={all}
                  units={units.data?.filter((u) => u.defaultPlayerId === p.id).map((u) => u.deviceId).join(', ') || '—'}
                  onEdit={() => setEditing(p.id)}
                  onArchive={(archived) => void act(() => api['players:archive']({ id: p.id, archived }))}
                  onDelete={() => void act(() => api['players:delete']({ id: p.id }))}
                />
              ),
            )}
            {players.data?.length === 0 && (
              <tr>
                <td colSpan={7}>No players yet. Add them here, or import a session folder: its meta.csv adds them.</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>

      <UnitsSection units={units.data ?? []} players={pickablePlayers(players.data)} allPlayers={all} />
    </>
  );
}

function PlayerRow({
  p,
  all,
  units,
  onEdit,
  onArchive,
  onDelete,
}: {
  p: Player;
  all: Player[];
  units: string;
  onEdit: () => void;
  onArchive: (archived: boolean) => void;
  onDelete: () => void;
}) {
  const gone = p.archivedAt !== null;
  const label = playerLabel(p, all);
  return (
    <tr data-player={p.id} className={gone ? 'archived' : undefined}>
      <th scope="row">
        <a href={href('player', p.id)}>{label}</a>
        {gone && <span className="tag">left</span>}
      </th>
      <td>{p.position || '—'}</td>
      <td>{p.shirtNumber ?? '—'}</td>
      <td>{p.birthDate ?? '—'}</td>
      <td>{p.squad || '—'}</td>
      <td className="mono">{units}</td>
      <td className="row-actions">
        <button type="button" className="small-btn" onClick={onEdit} aria-label={`Edit ${label}`}>
          Edit
        </button>{' '}
        {gone ? (
          <button type="button" className="small-btn" onClick={() => onArchive(false)} aria-label={`Bring back ${label}`}>
            Bring back
          </button>
        ) : (
          <button type="button" className="small-btn" onClick={() => onArchive(true)} aria-label={`Archive ${label}`} title="Left the club: kept in every session and result, hidden from the pickers">
            Archive
          </button>
        )}{' '}
        <button type="button" className="small-btn" onClick={onDelete} aria-label={`Delete ${label}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}
