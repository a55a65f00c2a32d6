/** Position → group for the team summary (e.g. CB → Defenders). Positions not listed are their own group. */
import { FieldError } from '../../components/FieldError.tsx';
import type { SettingsDraft } from './settings-draft.ts';

export function PositionGroupsEditor({
  rows,
  positions,
  errors,
  disabled,
  onChange,
}: {
  rows: SettingsDraft['positionGroups'];
  /** Positions in the roster, offered as suggestions. */
  positions: string[];
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (rows: SettingsDraft['positionGroups']) => void;
}) {
  const set = (i: number, patch: Partial<SettingsDraft['positionGroups'][number]>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const unmapped = positions.filter((p) => !rows.some((r) => r.position.trim() === p));
  const coreErrors = Object.entries(errors).filter(([k]) => k.startsWith('positionGroups') && !/^positionGroups\.\d+$/.test(k));
  return (
    <section aria-labelledby="groups-h">
      <h2 id="groups-h">Position groups</h2>
      <p className="muted">
        The team summary gives a mean and total per group. A position not listed here is its own group; players without a
        position are "Unassigned".
      </p>
      {coreErrors.map(([k, m]) => (
        <FieldError key={k} as="p" message={m} />
      ))}
      <table className="data" aria-label="Position groups">
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Group</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`Position ${i + 1}`} value={r.position} list="roster-positions" maxLength={40} onChange={(e) => set(i, { position: e.target.value })} disabled={disabled} />
              </td>
              <td>
                <input aria-label={`Group of position ${i + 1}`} value={r.group} maxLength={40} onChange={(e) => set(i, { group: e.target.value })} disabled={disabled} />
                <FieldError message={errors[`positionGroups.${i}`]} />
              </td>
              <td>
                <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))} disabled={disabled} aria-label={`Remove position ${r.position || i + 1}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={3}>No groups: each position is its own group.</td>
            </tr>
          )}
        </tbody>
      </table>
      <datalist id="roster-positions">
        {positions.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <div className="inline-form">
        <button type="button" onClick={() => onChange([...rows, { position: '', group: '' }])} disabled={disabled}>
          Add a position
        </button>
        {unmapped.length > 0 && (
          <button type="button" onClick={() => onChange([...rows, ...unmapped.map((p) => ({ position: p, group: '' }))])} disabled={disabled}>
            Add the roster's positions ({unmapped.join(', ')})
          </button>
        )}
      </div>
    </section>
  );
}
