/**
 * A player's name and what tells them apart (position, shirt number, date of birth) and squad:
 * the roster's Add form and each row's Edit form. A refused value is said beside its field.
 */
import { useState, type FormEvent } from 'react';
import type { Player, PlayerDetails } from '../../../../shared/domain/roster.ts';
import { FieldError } from '../../components/FieldError.tsx';
import { formErrors, NO_ERRORS, type FormErrors } from '../../lib/form-errors.ts';
import { useLeaveGuard } from '../../app/leave-guard.tsx';

export const POSITIONS = ['GK', 'CB', 'FB', 'CM', 'WM', 'FW'];

export interface PlayerFields {
  name: string;
  position: string;
  shirtNumber: string;
  birthDate: string;
  squad: string;
}

export const emptyPlayer: PlayerFields = { name: '', position: '', shirtNumber: '', birthDate: '', squad: '' };

export function fieldsOf(p: Player): PlayerFields {
  return { name: p.name, position: p.position, shirtNumber: p.shirtNumber == null ? '' : String(p.shirtNumber), birthDate: p.birthDate ?? '', squad: p.squad };
}

/** What is wrong with the fields as typed, by field (checked as they are typed). */
function localProblems(f: PlayerFields): Record<string, string> {
  const out: Record<string, string> = {};
  const n = f.shirtNumber.trim();
  if (n !== '' && !/^\d{1,3}$/.test(n)) out.shirtNumber = 'A shirt number is a whole number from 0 to 999.';
  return out;
}

function toInput(f: PlayerFields): { name: string } & PlayerDetails {
  const n = f.shirtNumber.trim();
  return { name: f.name, position: f.position, shirtNumber: n === '' ? null : Number(n), birthDate: f.birthDate || null, squad: f.squad };
}

const PATHS = { name: 'name', position: 'position', shirtNumber: 'shirtNumber', birthDate: 'birthDate', squad: 'squad' };

export function PlayerForm({
  initial,
  squads,
  label,
  submitLabel,
  onSubmit,
  onCancel,
  prefix,
}: {
  initial: PlayerFields;
  squads: string[];
  label: string;
  submitLabel: string;
  onSubmit: (input: { name: string } & PlayerDetails) => Promise<void>;
  onCancel?: () => void;
  prefix: string;
}) {
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const local = localProblems(f);
  const err = (k: keyof PlayerFields) => local[k] ?? errors.fields[k] ?? null;
  const set = (k: keyof PlayerFields, v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, fields: { ...e.fields, [k]: '' } }));
  };
  /** Saves the form; false when it could not be (the problems show beside the fields). */
  const commit = async (): Promise<boolean> => {
    if (Object.keys(local).length > 0) return false;
    if (!f.name.trim()) {
      setErrors({ fields: { name: 'Type the player’s name.' }, general: null });
      return false;
    }
    setErrors(NO_ERRORS);
    try {
      await onSubmit(toInput(f));
      if (!onCancel) setF(emptyPlayer);
      return true;
    } catch (ex) {
      setErrors(formErrors(ex, PATHS));
      return false;
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await commit();
  };
  // Typed but not saved: leaving the page asks first (save, discard or stay).
  const changed = (Object.keys(initial) as (keyof PlayerFields)[]).some((k) => f[k] !== initial[k]);
  useLeaveGuard(changed ? { what: `details in the "${label}" form`, save: commit, discard: () => setF(initial) } : null);
  return (
    <form className="inline-form fields-form player-form" onSubmit={(e) => void submit(e)} aria-label={label} noValidate>
      <label>
        Name
        <input value={f.name} onChange={(e) => set('name', e.target.value)} maxLength={80} name={`${prefix}-name`} aria-invalid={err('name') ? true : undefined} autoFocus={!!onCancel} />
        <FieldError message={err('name')} />
      </label>
      <label>
        Position
        <input value={f.position} onChange={(e) => set('position', e.target.value)} list="positions" maxLength={40} name={`${prefix}-position`} className="short" />
        <FieldError message={err('position')} />
      </label>
      <label>
        Shirt no.
        <input value={f.shirtNumber} onChange={(e) => set('shirtNumber', e.target.value)} inputMode="numeric" name={`${prefix}-shirt`} className="short" aria-invalid={err('shirtNumber') ? true : undefined} />
        <FieldError message={err('shirtNumber')} />
      </label>
      <label>
        Date of birth
        <input type="date" value={f.birthDate} onChange={(e) => set('birthDate', e.target.value)} name={`${prefix}-birth`} />
        <FieldError message={err('birthDate')} />
      </label>
      <label>
        Squad
        <input value={f.squad} onChange={(e) => set('squad', e.target.value)} list="squads" maxLength={40} name={`${prefix}-squad`} className="short" placeholder="First team" />
        <FieldError message={err('squad')} />
      </label>
      <datalist id="positions">
        {POSITIONS.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <datalist id="squads">
        {squads.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
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
