import type { Player } from '../../../../../shared/domain/roster.ts';
import type { Choice } from './import-plan.ts';

/**
 * "Assign to player": an existing player, or a new one (name and position typed here). The same
 * choice applies to every file of the unit.
 */
export function PlayerPicker({
  deviceId,
  choice,
  players,
  disabled,
  onChange,
}: {
  deviceId: string;
  choice: Choice;
  players: Player[];
  disabled?: boolean;
  onChange: (c: Choice) => void;
}) {
  const value = choice.kind === 'player' ? choice.playerId : choice.kind === 'new' ? '__new' : '';
  return (
    <div className="player-picker">
      <select
        aria-label={`Player for unit ${deviceId || '(no id)'}`}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v === '' ? { kind: 'none' } : v === '__new' ? { kind: 'new', name: choice.kind === 'new' ? choice.name : '', position: choice.kind === 'new' ? choice.position : '' } : { kind: 'player', playerId: v });
        }}
      >
        <option value="">Assign to player…</option>
        {players.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.position ? ` (${p.position})` : ''}
          </option>
        ))}
        <option value="__new">New player…</option>
      </select>
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
      {choice.kind === 'none' && <span className="needs">⚑ Needs a player</span>}
    </div>
  );
}
