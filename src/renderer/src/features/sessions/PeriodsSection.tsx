/**
 * The period editor: named time ranges of the session (warm-up, drill A, first half...), for
 * everyone or chosen players. Times are entered in the laptop's time zone inside the session
 * window and stored in UTC; the core validates every change and its messages are shown in place.
 * Editing a period recomputes nothing: results say they were computed with older periods.
 * The list follows the core's periods:changed event (this window's edits included).
 */
import { useCallback, useState, type FormEvent } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { EventPayloads } from '../../../../shared/api/contract.ts';
import type { Period } from '../../../../shared/domain/period.ts';
import type { Session } from '../../../../shared/domain/session.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { formatDuration, formatTime } from '../../../../shared/domain/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { timeInWindow, toTimeInputSeconds } from '../../lib/local-time.ts';
import { formatHm } from '../../lib/format.ts';

const NAMES = ['Warm-up', 'Drill A', 'Drill B', 'Small-sided game', 'First half', 'Second half', 'Cool-down'];

interface Form {
  /** The period being edited; null = a new one. */
  id: string | null;
  name: string;
  start: string;
  end: string;
  everyone: boolean;
  playerIds: string[];
}

type FieldErrors = Partial<Record<'name' | 'startMs' | 'endMs' | 'playerIds', string>>;

function blankForm(session: Session, periods: readonly Period[]): Form {
  // A new period starts where the last one ended (drills follow each other), else at the session start.
  const last = periods.reduce<number | null>((a, p) => (a == null || p.endMs > a ? p.endMs : a), null);
  const startMs = last != null && last < session.endMs ? last : session.startMs;
  return { id: null, name: '', start: toTimeInputSeconds(startMs), end: toTimeInputSeconds(session.endMs), everyone: true, playerIds: [] };
}

/** The core's validation issues by field (zod paths), and the rest as one message. */
function splitErrors(err: unknown): { fields: FieldErrors; message: string | null } {
  const fields: FieldErrors = {};
  if (err instanceof AppError && err.code === 'VALIDATION' && Array.isArray(err.details)) {
    const rest: string[] = [];
    for (const i of err.details as { path?: string; message?: string }[]) {
      const key = (i.path ?? '').split('.')[0];
      if (key === 'name' || key === 'startMs' || key === 'endMs' || key === 'playerIds') fields[key] = i.message ?? 'invalid';
      else rest.push(i.message ?? 'invalid');
    }
    return { fields, message: rest.length ? rest.join('; ') : null };
  }
  return { fields, message: errorMessage(err) };
}

export function PeriodsSection({ session }: { session: Session }) {
  const api = useApi();
  const periods = useLoad(() => api['periods:list']({ sessionId: session.id }), [session.id]);
  const { reload } = periods;
  useEvent(
    'periods:changed',
    useCallback((p: EventPayloads['periods:changed']) => p.sessionId === session.id && reload(), [session.id, reload]),
  );
  const list = periods.data ?? [];
  const [form, setForm] = useState<Form | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);
  const current = form ?? blankForm(session, list);
  const names = new Map(session.participants.map((p) => [p.playerId, p.playerName]));
  const set = (patch: Partial<Form>) => setForm({ ...current, ...patch });

  const resetForm = () => {
    setForm(null);
    setFieldErrors({});
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    setSaved(null);
    const win = { startMs: session.startMs, endMs: session.endMs };
    const body = {
      name: current.name,
      startMs: timeInWindow(current.start, win, 'first'),
      endMs: timeInWindow(current.end, win, 'last'),
      playerIds: current.everyone ? null : current.playerIds,
    };
    if (!current.everyone && current.playerIds.length === 0) {
      setFieldErrors({ playerIds: 'choose at least one player, or Everyone' });
      return;
    }
    try {
      const p = current.id ? await api['periods:update']({ id: current.id, ...body }) : await api['periods:create']({ sessionId: session.id, ...body });
      setSaved(current.id ? `Saved "${p.name}".` : `Added "${p.name}".`);
      resetForm();
    } catch (err) {
      const { fields, message } = splitErrors(err);
      setFieldErrors(fields);
      setError(message);
    }
  };

  const edit = (p: Period) => {
    setSaved(null);
    setFieldErrors({});
    setError(null);
    setForm({
      id: p.id,
      name: p.name,
      start: toTimeInputSeconds(p.startMs),
      end: toTimeInputSeconds(p.endMs),
      everyone: p.playerIds === null,
      playerIds: p.playerIds ?? [],
    });
  };

  const remove = async (p: Period) => {
    setError(null);
    setSaved(null);
    try {
      await api['periods:delete']({ id: p.id });
      setConfirmDelete(null);
      if (form?.id === p.id) resetForm();
      setSaved(`Deleted "${p.name}".`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const who = (p: Period) => (p.playerIds === null ? 'Everyone' : p.playerIds.map((id) => names.get(id) ?? id).join(', '));

  return (
    <section aria-labelledby="periods-h">
      <h2 id="periods-h">Periods</h2>
      <p className="muted">
        Split the session into drills or halves. Every metric is computed for each period and for the whole session. Times
        are in this laptop's time zone, within {formatHm(session.startMs)}–{formatHm(session.endMs)}.
      </p>
      {locked && <Notice kind="info" title="Locked while the session is processing">Periods can be edited again when processing ends.</Notice>}
      {periods.error && <Notice kind="error">{periods.error}</Notice>}
      <table className="data" aria-label="Periods">
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Starts</th>
            <th scope="col">Ends</th>
            <th scope="col">Length</th>
            <th scope="col">Applies to</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((p) => (
            <tr key={p.id} data-period={p.id}>
              <td>{p.name}</td>
              <td>{formatTime(p.startMs)}</td>
              <td>{formatTime(p.endMs)}</td>
              <td>{formatDuration((p.endMs - p.startMs) / 1000)}</td>
              <td>{who(p)}</td>
              <td className="actions">
                {confirmDelete === p.id ? (
                  <>
                    <button type="button" className="danger" onClick={() => void remove(p)} disabled={locked}>
                      Delete "{p.name}"
                    </button>
                    <button type="button" onClick={() => setConfirmDelete(null)}>
                      Keep
                    </button>
                  </>
                ) : (
                  <>
                    <button type="button" onClick={() => edit(p)} disabled={locked} aria-label={`Edit ${p.name}`}>
                      Edit
                    </button>
                    <button type="button" onClick={() => setConfirmDelete(p.id)} disabled={locked} aria-label={`Delete ${p.name}`}>
                      Delete
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
          {list.length === 0 && (
            <tr>
              <td colSpan={6}>No periods: results are for the whole session only.</td>
            </tr>
          )}
        </tbody>
      </table>
      {saved && <Notice kind="success">{saved}</Notice>}
      <form className="period-form" onSubmit={(e) => void submit(e)} aria-label={current.id ? 'Edit period' : 'Add period'}>
        <h3>{current.id ? `Edit "${list.find((p) => p.id === current.id)?.name ?? ''}"` : 'Add a period'}</h3>
        <div className="inline-form">
          <label>
            Name
            <input
              name="period-name"
              value={current.name}
              onChange={(e) => set({ name: e.target.value })}
              list="period-names"
              required
              maxLength={80}
              disabled={locked}
              aria-invalid={fieldErrors.name ? true : undefined}
            />
            <FieldError message={fieldErrors.name} />
          </label>
          <datalist id="period-names">
            {NAMES.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <label>
            Starts
            <input
              type="time"
              step={1}
              name="period-start"
              value={current.start}
              onChange={(e) => set({ start: e.target.value })}
              required
              disabled={locked}
              aria-invalid={fieldErrors.startMs ? true : undefined}
            />
            <FieldError message={fieldErrors.startMs} />
          </label>
          <label>
            Ends
            <input
              type="time"
              step={1}
              name="period-end"
              value={current.end}
              onChange={(e) => set({ end: e.target.value })}
              required
              disabled={locked}
              aria-invalid={fieldErrors.endMs ? true : undefined}
            />
            <FieldError message={fieldErrors.endMs} />
          </label>
        </div>
        <fieldset className="choice-row" disabled={locked}>
          <legend>Applies to</legend>
          <label className="choice">
            <input type="radio" name="period-scope" checked={current.everyone} onChange={() => set({ everyone: true })} />
            Everyone
          </label>
          <label className="choice">
            <input type="radio" name="period-scope" checked={!current.everyone} onChange={() => set({ everyone: false })} />
            Chosen players
          </label>
        </fieldset>
        {!current.everyone && (
          <fieldset className="choice-row" disabled={locked} aria-label="Players in this period">
            <legend>Players in this period</legend>
            {session.participants.map((p) => (
              <label key={p.playerId} className="choice">
                <input
                  type="checkbox"
                  checked={current.playerIds.includes(p.playerId)}
                  onChange={(e) =>
                    set({ playerIds: e.target.checked ? [...current.playerIds, p.playerId] : current.playerIds.filter((x) => x !== p.playerId) })
                  }
                />
                {p.playerName}
              </label>
            ))}
            {session.participants.length === 0 && <span>No players in this session yet.</span>}
            <FieldError message={fieldErrors.playerIds} />
          </fieldset>
        )}
        {error && (
          <Notice kind="error" title="The period was not saved">
            {error}
          </Notice>
        )}
        <div className="inline-form">
          <button type="submit" className="primary" disabled={locked}>
            {current.id ? 'Save period' : 'Add period'}
          </button>
          {form && (
            <button type="button" onClick={resetForm}>
              {current.id ? 'Cancel editing' : 'Clear'}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
