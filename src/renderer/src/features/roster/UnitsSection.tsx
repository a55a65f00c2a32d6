/**
 * The roster's units: add one, change its id (a typo), label or usual wearer in place, delete one
 * never used. A refused value is said beside its field.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { FieldError } from '../../components/FieldError.tsx';
import { formErrors, NO_ERRORS, type FormErrors } from '../../lib/form-errors.ts';
import { playerLabel, type Player, type Unit } from '../../../../shared/domain/roster.ts';

const UNIT_ID = /^[A-Za-z0-9._-]+$/;
const idProblem = (v: string) => (v.trim() === '' ? 'Type the id the unit reports (on its label or in its files).' : UNIT_ID.test(v.trim()) ? null : 'A unit id uses letters, digits, dot, dash and underscore only.');

type Pickable = Player & { label: string };

function WearerSelect({ value, onChange, players, name, label }: { value: string; onChange: (v: string) => void; players: Pickable[]; name: string; label?: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} name={name} aria-label={label}>
      <option value="">— nobody —</option>
      {players.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </select>
  );
}

function UnitForm({
  initial,
  players,
  label,
  submitLabel,
  prefix,
  onSubmit,
  onCancel,
}: {
  initial: { deviceId: string; label: string; wearer: string };
  players: Pickable[];
  label: string;
  submitLabel: string;
  prefix: string;
  onSubmit: (v: { deviceId: string; label: string; defaultPlayerId: string | null }) => Promise<void>;
  onCancel?: () => void;
}) {
  const [f, setF] = useState(initial);
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const idErr = (touched ? idProblem(f.deviceId) : null) ?? errors.fields.deviceId ?? null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (idProblem(f.deviceId)) return;
    setErrors(NO_ERRORS);
    try {
      await onSubmit({ deviceId: f.deviceId.trim(), label: f.label, defaultPlayerId: f.wearer || null });
      if (!onCancel) {
        setF({ deviceId: '', label: '', wearer: '' });
        setTouched(false);
      }
    } catch (ex) {
      setErrors(formErrors(ex, { deviceId: 'deviceId', label: 'label', defaultPlayerId: 'wearer' }));
    }
  };
  return (
    <form className="inline-form fields-form" onSubmit={(e) => void submit(e)} aria-label={label} noValidate>
      <label>
        Unit id
        <input
          value={f.deviceId}
          onChange={(e) => {
            setF({ ...f, deviceId: e.target.value });
            setTouched(true);
            setErrors(NO_ERRORS);
          }}
          maxLength={64}
          name={`${prefix}-device-id`}
          aria-invalid={idErr ? true : undefined}
          autoFocus={!!onCancel}
        />
        <FieldError message={idErr} />
      </label>
      <label>
        Label
        <input value={f.label} onChange={(e) => setF({ ...f, label: e.target.value })} maxLength={60} name={`${prefix}-label`} />
        <FieldError message={errors.fields.label} />
      </label>
      <label>
        Usually worn by
        <WearerSelect value={f.wearer} onChange={(v) => setF({ ...f, wearer: v })} players={players} name={`${prefix}-wearer`} />
        <FieldError message={errors.fields.wearer} />
      </label>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      {errors.general && <FieldError as="p" message={errors.general} />}
    </form>
  );
}

export function UnitsSection({ units, players, allPlayers }: { units: Unit[]; players: Pickable[]; allPlayers: Player[] }) {
  const api = useApi();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<{ unit: string; text: string } | null>(null);
  const wearerName = (id: string | null) => {
    const p = allPlayers.find((x) => x.id === id);
    return p ? `${playerLabel(p, allPlayers)}${p.archivedAt !== null ? ' (left)' : ''}` : '—';
  };
  return (
    <section aria-labelledby="units-h">
      <h2 id="units-h">Units</h2>
      <UnitForm
        initial={{ deviceId: '', label: '', wearer: '' }}
        players={players}
        label="Add unit"
        submitLabel="Add unit"
        prefix="unit"
        onSubmit={async (v) => {
          await api['units:create'](v);
        }}
      />
      <table className="data" aria-label="Units">
        <thead>
          <tr>
            <th scope="col">Unit id</th>
            <th scope="col">Label</th>
            <th scope="col">Usually worn by</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) =>
            editing === u.id ? (
              <tr key={u.id} data-unit={u.deviceId}>
                <td colSpan={4}>
                  <UnitForm
                    initial={{ deviceId: u.deviceId, label: u.label, wearer: u.defaultPlayerId ?? '' }}
                    players={players}
                    label={`Edit unit ${u.deviceId}`}
                    submitLabel="Save"
                    prefix="edit-unit"
                    onCancel={() => setEditing(null)}
                    onSubmit={async (v) => {
                      await api['units:update']({ id: u.id, ...v });
                      setEditing(null);
                    }}
                  />
                </td>
              </tr>
            ) : (
              <tr key={u.id} data-unit={u.deviceId}>
                <th scope="row" className="mono">
                  {u.deviceId}
                </th>
                <td>{u.label || '—'}</td>
                <td>{wearerName(u.defaultPlayerId)}</td>
                <td className="row-actions">
                  <button type="button" className="small-btn" onClick={() => setEditing(u.id)} aria-label={`Edit unit ${u.deviceId}`}>
                    Edit
                  </button>{' '}
                  <button
                    type="button"
                    className="small-btn"
                    onClick={() => {
                      setError(null);
                      api['units:delete']({ id: u.id }).catch((e: unknown) => setError({ unit: u.id, text: errorMessage(e) }));
                    }}
                    aria-label={`Delete unit ${u.deviceId}`}
                  >
                    Delete
                  </button>
                  {error?.unit === u.id && <FieldError as="p" message={error.text} />}
                </td>
              </tr>
            ),
          )}
          {units.length === 0 && (
            <tr>
              <td colSpan={4}>No units yet.</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
