/**
 * Each player's own values: max speed (for relative velocity bands), HRmax, resting HR and sex
 * (Banister weighting). Empty = the team's value, shown as the placeholder.
 */
import type { Player } from '../../../../shared/domain/roster.ts';
import type { EngineSettings } from '../../../../shared/domain/settings.ts';
import { FieldError } from '../../components/FieldError.tsx';
import type { PlayerDraft, SettingsDraft } from './settings-draft.ts';

const EMPTY: PlayerDraft = { maxSpeedMs: '', hrMaxBpm: '', hrRestBpm: '', sex: '' };

export function PlayerValuesEditor({
  players,
  values,
  team,
  errors,
  disabled,
  onChange,
}: {
  players: readonly Player[];
  values: SettingsDraft['players'];
  /** The team values (placeholders). */
  team: EngineSettings['hr'];
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (id: string, v: PlayerDraft) => void;
}) {
  const err = (id: string, key: string) => <FieldError message={errors[`players.${id}.${key}`]} />;
  return (
    <section aria-labelledby="players-values-h">
      <h2 id="players-values-h">Players' own values</h2>
      <p className="muted">
        Leave a value empty to use the team's. HRmax and resting HR set the heart-rate zones and TRIMP; max speed is the
        reference for relative velocity bands (else the player's top speed in the session).
      </p>
      <div className="table-scroll">
        <table className="data" aria-label="Players' own values">
          <thead>
            <tr>
              <th scope="col">Player</th>
              <th scope="col">Pos.</th>
              <th scope="col">Max speed (m/s)</th>
              <th scope="col">HRmax (bpm)</th>
              <th scope="col">Resting HR (bpm)</th>
              <th scope="col">TRIMP weighting</th>
            </tr>
          </thead>
          <tbody>
            {players.map((p) => {
              const v = values[p.id] ?? EMPTY;
              const set = (patch: Partial<PlayerDraft>) => onChange(p.id, { ...v, ...patch });
              return (
                <tr key={p.id} data-player={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.position || '—'}</td>
                  <td>
                    <input className="num wide" inputMode="decimal" aria-label={`${p.name} max speed (m/s)`} value={v.maxSpeedMs} placeholder="session max" onChange={(e) => set({ maxSpeedMs: e.target.value })} disabled={disabled} />
                    {err(p.id, 'maxSpeedMs')}
                  </td>
                  <td>
                    <input className="num wide" inputMode="decimal" aria-label={`${p.name} HRmax (bpm)`} value={v.hrMaxBpm} placeholder={`team: ${team.maxBpm}`} onChange={(e) => set({ hrMaxBpm: e.target.value })} disabled={disabled} />
                    {err(p.id, 'hrMaxBpm')}
                  </td>
                  <td>
                    <input className="num wide" inputMode="decimal" aria-label={`${p.name} resting HR (bpm)`} value={v.hrRestBpm} placeholder={`team: ${team.restBpm}`} onChange={(e) => set({ hrRestBpm: e.target.value })} disabled={disabled} />
                    {err(p.id, 'hrRestBpm')}
                  </td>
                  <td>
                    <select aria-label={`${p.name} TRIMP weighting`} value={v.sex} onChange={(e) => set({ sex: e.target.value as PlayerDraft['sex'] })} disabled={disabled}>
                      <option value="">Team ({team.sex === 'male' ? 'men' : 'women'})</option>
                      <option value="male">Men (k = 1.92)</option>
                      <option value="female">Women (k = 1.67)</option>
                    </select>
                    {err(p.id, 'sex')}
                  </td>
                </tr>
              );
            })}
            {players.length === 0 && (
              <tr>
                <td colSpan={6}>No players in the roster yet.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
