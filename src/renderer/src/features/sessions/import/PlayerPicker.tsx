import type { PlayerQuestion } from '../../../../../shared/api/imports.contract.ts';
import { playerDetail, type Player } from '../../../../../shared/domain/roster.ts';
import type { Choice } from './import-plan.ts';

/**
 * "Assign to player": an existing player, or a new one (name and position typed here). The same
 * choice applies to every file of the unit. Players are listed with what tells them apart
 * (position, shirt number, date of birth). When the file names a person the roster cannot tell
 * for sure (`ask`), the question comes first: which of the players of that name, or a new player
 * with the file's details.
 */
export function PlayerPicker({
  deviceId,
  choice,
  players,
  disabled,
  ask,
  onChange,
}: {
  deviceId: string;
  choice: Choice;
  players: Player[];
  disabled?: boolean;
  ask?: PlayerQuestion | null;
  onChange: (c: Choice) => void;
}) {
  const value = choice.kind === 'player' ? choice.playerId : choice.kind === 'new' ? '__new' : '';
  const asked = new Set(ask?.candidates.map((c) => c.playerId) ?? []);
  return (
    <div className="player-picker">
      <select
        aria-label={`Player for unit ${deviceId || '(no id)'}`}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '__new' && ask && choice.kind !== 'new') {
            const n = ask.newPlayer;
            onChange({ kind: 'new', name: n.name, position: n.position, shirtNumber: n.shirtNumber, birthDate: n.birthDate });
            return;
          }
          onChange(v === '' ? { kind: 'none' } : v === '__new' ? { kind: 'new', name: choice.kind === 'new' ? choice.name : '', position: choice.kind === 'new' ? choice.position : '' } : { kind: 'player', playerId: v });
        }}
      >
        <option value="">{ask ? `Which ${ask.name}?` : 'Assign to player…'}</option>
        {ask && (
          <optgroup label={`Players called ${ask.name}`}>
            {ask.candidates.map((c) => (
              <option key={c.playerId} value={c.playerId}>
                {c.name} — {c.detail || 'no details in the roster'}
              </option>
            ))}
          </optgroup>
        )}
        {ask && <option value="__new">A new player: {ask.newPlayer.name}{ask.newPlayer.detail ? ` — ${ask.newPlayer.detail}` : ''}</option>}
        {(ask ? players.filter((p) => !asked.has(p.id)) : players).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {playerDetail(p) ? ` (${playerDetail(p)})` : ''}
          </option>
        ))}
        {!ask && <option value="__new">New player…</option>}
      </select>
      {ask && choice.kind === 'none' && (
        <span className="needs" role="note">
          ⚑ {ask.candidates.length > 1 ? `${ask.candidates.length} players are called ${ask.name}` : `${ask.name} in the roster has other details`}: which one is meant, or a new player?
        </span>
      )}
      {choice.kind === 'new' && (
        <span className="new-player">
          <input
            aria-label={`New player's name for unit ${deviceId}`}
            placeholder="Name"
            value={choice.name}
            maxLength={80}
            disabled={disabled}
            onChange={(e) => onChange({ ...choice, name: e.target.value })}
          />
          <input
            aria-label={`New player's position for unit ${deviceId}`}
            placeholder="Position"
            value={choice.position}
            maxLength={40}
            disabled={disabled}
            onChange={(e) => onChange({ ...choice, position: e.target.value })}
          />
        </span>
      )}
      {choice.kind === 'none' && !ask && <span className="needs">⚑ Needs a player</span>}
    </div>
  );
}
