import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import type { Session, SessionType } from '../../../../shared/domain/session.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { Notice } from '../../components/Notice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { daysLater, toDateInput, toTimeInput, windowFromInputs } from '../../lib/local-time.ts';
import { formErrors, NO_ERRORS, type FormErrors } from '../../lib/form-errors.ts';
import { WindowFields, WINDOW_FIELDS, type WindowDraft } from './WindowFields.tsx';
import { SessionTypeSelect } from './SessionsPage.tsx';

export function DetailsSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const [name, setName] = useState(session.name);
  const [type, setType] = useState<SessionType | ''>(session.type);
  const [win, setWin] = useState<WindowDraft>(() => ({
    date: toDateInput(session.startMs),
    start: toTimeInput(session.startMs),
    end: toTimeInput(session.endMs),
    endsNextDay: daysLater(session.startMs, session.endMs) > 0,
  }));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setSaved(false);
    const w = windowFromInputs(win.date, win.start, win.end, win.endsNextDay);
    if (!w.ok) return; // said beside its field already
    try {
      await api['sessions:update']({ id: session.id, name, type, startMs: w.startMs, endMs: w.endMs });
      setSaved(true);
      onChanged();
    } catch (err) {
      setErrors(formErrors(err, { name: 'name', type: 'type', ...WINDOW_FIELDS }));
    }
  };
  return (
    <section aria-labelledby="details-h">
      <h2 id="details-h">Session details</h2>
      <form className="inline-form fields-form" onSubmit={(e) => void save(e)} aria-label="Session details" noValidate>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} disabled={locked} name="details-name" aria-invalid={errors.fields.name ? true : undefined} />
          <FieldError message={errors.fields.name} />
        </label>
        <label>
          Type
          <SessionTypeSelect value={type} onChange={setType} name="details-type" disabled={locked} />
        </label>
        <WindowFields value={win} onChange={setWin} disabled={locked} prefix="details" errors={errors.fields} />
        <button type="submit" disabled={locked}>
          Save details
        </button>
      </form>
      {errors.general && <Notice kind="error" title="Not saved">{errors.general}</Notice>}
      {saved && <Notice kind="success">Saved.</Notice>}
    </section>
  );
}
