/**
 * Rename and Delete for one row of the sessions list. Rename edits the name in place (Enter saves,
 * Escape keeps it); Delete first asks, beside the row, naming what goes with the session (its
 * players' links, data files, results, periods and report) and what stays (the stored copies of
 * the files, the roster).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { FieldError } from '../../components/FieldError.tsx';
import { formErrors } from '../../lib/form-errors.ts';
import { ACTIVE_STATUSES, type SessionDeleteImpact, type SessionSummary } from '../../../../shared/domain/session.ts';

const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;

export function deleteSentence(i: SessionDeleteImpact): string {
  const parts = [
    i.participants > 0 ? `${n(i.participants, 'player')} taking part` : '',
    i.files > 0 ? `${n(i.files, 'data file')} linked to it` : '',
    i.results > 0 ? `${n(i.results, 'player result')}` : '',
    i.periods > 0 ? n(i.periods, 'period') : '',
    i.hasReport ? 'its report' : '',
  ].filter(Boolean);
  const what = parts.length === 0 ? 'Nothing else is attached to it.' : `It takes with it: ${parts.join(', ')}.`;
  return `${what} The players and units stay on the roster, and the stored copies of the files stay in the app. This cannot be undone.`;
}

export function SessionRowActions({ session: s, children }: { session: SessionSummary; children: (actions: ReactNode) => ReactNode }) {
  const api = useApi();
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const [name, setName] = useState(s.name);
  const [impact, setImpact] = useState<SessionDeleteImpact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = ACTIVE_STATUSES.includes(s.processingStatus);

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api['sessions:update']({ id: s.id, name });
      setMode('idle');
    } catch (err) {
      const f = formErrors(err, { name: 'name' });
      setError(f.fields.name ?? f.general);
    }
  };
  const askDelete = async () => {
    setError(null);
    setMode('delete');
    try {
      setImpact(await api['sessions:deleteImpact']({ id: s.id }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const doDelete = async () => {
    setBusy(true);
    try {
      await api['sessions:delete']({ id: s.id });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const actions =
    mode === 'rename' ? (
      <form className="rename-form" onSubmit={(e) => void rename(e)} aria-label={`Rename ${s.name}`} noValidate>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label={`New name for ${s.name}`}
          name={`rename-${s.id}`}
          autoFocus
          maxLength={120}
          aria-invalid={error ? true : undefined}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setName(s.name);
              setMode('idle');
            }
          }}
        />
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={() => { setName(s.name); setError(null); setMode('idle'); }}>
          Cancel
        </button>
        <FieldError message={error} />
      </form>
    ) : (
      <>
        <button type="button" className="small-btn" onClick={() => { setName(s.name); setMode('rename'); }} disabled={locked} aria-label={`Rename ${s.name}`}>
          Rename
        </button>{' '}
        <button type="button" className="small-btn" onClick={() => void askDelete()} disabled={locked || mode === 'delete'} aria-label={`Delete ${s.name}`}>
          Delete…
        </button>
      </>
    );

  return (
    <>
      <tr data-session={s.id}>{children(actions)}</tr>
      {mode === 'delete' && (
        <tr className="confirm-row">
          <td colSpan={6}>
            <div role="alertdialog" aria-label={`Delete ${s.name}?`} className="confirm-box">
              <strong>Delete “{s.name}”?</strong>{' '}
              {impact ? <span className="impact">{deleteSentence(impact)}</span> : !error && <span role="status">Counting what goes with it…</span>}
              {error && <FieldError message={error} />}
              <div className="process-row">
                <button type="button" className="danger" onClick={() => void doDelete()} disabled={busy || !impact}>
                  Delete “{s.name}”
                </button>
                <button type="button" onClick={() => { setMode('idle'); setImpact(null); setError(null); }} autoFocus>
                  Keep it
                </button>
              </div>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
