/**
 * The season's sessions: a new one (name, type, window checked as it is typed), and the list with
 * each session's type and place around its match day (MD±n), window, players and status — "Report
 * ready" only while its results are current. Filter by type or match day, by date and by name;
 * rename in place; delete after a confirmation that says what goes with it.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { Notice } from '../../components/Notice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { href, navigate } from '../../app/router.ts';
import { fromLocal, toDateInput, windowFromInputs } from '../../lib/local-time.ts';
import { formatWindow } from '../../lib/format.ts';
import { formErrors, NO_ERRORS, type FormErrors } from '../../lib/form-errors.ts';
import { SESSION_TYPES, SESSION_TYPE_LABEL, type SessionSummary, type SessionType } from '../../../../shared/domain/session.ts';
import { matchDayLabel, matchDayOffsets } from '../../../../shared/domain/match-day.ts';
import { WindowFields, WINDOW_FIELDS, type WindowDraft } from './WindowFields.tsx';
import { SessionRowActions } from './SessionRowActions.tsx';
import { OpenSharedReport } from '../reports/OpenSharedReport.tsx';

/** The laptop's calendar day of an instant, as a day number (for MD±n). */
const localDay = (ms: number) => Math.round(fromLocal(toDateInput(ms), '12:00') / 86_400_000);

export function SessionTypeSelect({ value, onChange, name, disabled }: { value: SessionType | ''; onChange: (t: SessionType | '') => void; name: string; disabled?: boolean }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as SessionType | '')} name={name} disabled={disabled}>
      <option value="">— not said —</option>
      {SESSION_TYPES.map((t) => (
        <option key={t} value={t}>
          {SESSION_TYPE_LABEL[t]}
        </option>
      ))}
    </select>
  );
}

export function SessionsPage() {
  const api = useApi();
  const list = useLoad(() => api['sessions:list'](), []);
  useEvent('sessions:changed', list.reload);
  useEvent('settings:changed', list.reload);
  useEvent('periods:changed', list.reload);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [name, setName] = useState('');
  const [type, setType] = useState<SessionType | ''>('training');
  const [win, setWin] = useState<WindowDraft>(() => ({ date: toDateInput(Date.now()), start: '10:00', end: '11:30', endsNextDay: false }));

  const [search, setSearch] = useState('');
  const [typeFilter, setTypeFilter] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setErrors(NO_ERRORS);
    const w = windowFromInputs(win.date, win.start, win.end, win.endsNextDay);
    if (!w.ok) return; // said beside its field already
    try {
      const s = await api['sessions:create']({ name, type, startMs: w.startMs, endMs: w.endMs });
      navigate('sessions', s.id);
    } catch (err) {
      setErrors(formErrors(err, { name: 'name', type: 'type', ...WINDOW_FIELDS }));
    }
  };

  const all = useMemo(() => list.data ?? [], [list.data]);
  const md = useMemo(() => matchDayOffsets(all, localDay), [all]);
  const shown = all.filter((s) => {
    if (search.trim() && !s.name.toLowerCase().includes(search.trim().toLowerCase())) return false;
    if (typeFilter.startsWith('md:')) {
      if (matchDayLabel(md.get(s.id) ?? null) !== typeFilter.slice(3)) return false;
    } else if (typeFilter === 'none') {
      if (s.type !== '') return false;
    } else if (typeFilter && s.type !== typeFilter) return false;
    const day = toDateInput(s.startMs);
    if (from && day < from) return false;
    if (to && day > to) return false;
    return true;
  });
  const mdOptions = [...new Set([...md.values()].filter((v): v is number => v !== null && v !== 0))].sort((a, b) => a - b).map(matchDayLabel);
  const filtering = search.trim() !== '' || typeFilter !== '' || from !== '' || to !== '';

  return (
    <>
      <div className="page-head">
        <h1>Sessions</h1>
        <OpenSharedReport />
      </div>
      <section aria-labelledby="new-h">
        <h2 id="new-h">New session</h2>
        {errors.general && <Notice kind="error" title="Cannot create the session">{errors.general}</Notice>}
        <form className="inline-form fields-form" onSubmit={(e) => void create(e)} aria-label="New session" noValidate>
          <label>
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={120}
              name="session-name"
              placeholder="Tuesday training"
              aria-invalid={errors.fields.name ? true : undefined}
            />
            <FieldError message={errors.fields.name} />
          </label>
          <label>
            Type
            <SessionTypeSelect value={type} onChange={setType} name="session-type" />
          </label>
          <WindowFields value={win} onChange={setWin} prefix="session" errors={errors.fields} />
          <button type="submit" className="primary">
            Create session
          </button>
        </form>
      </section>
      <section aria-labelledby="list-h">
        <h2 id="list-h">All sessions</h2>
        {list.error && <Notice kind="error">{list.error}</Notice>}
        <form className="inline-form filters" aria-label="Filter sessions" onSubmit={(e) => e.preventDefault()}>
          <label className="grow">
            Search by name
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} name="filter-name" placeholder="e.g. Tuesday" />
          </label>
          <label>
            Type or match day
            <select value={typeFilter} onChange={(e) => setTypeFilter(e.target.value)} name="filter-type">
              <option value="">All</option>
              {SESSION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {SESSION_TYPE_LABEL[t]}
                </option>
              ))}
              <option value="none">Type not said</option>
              {mdOptions.map((l) => (
                <option key={l} value={`md:${l}`}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            From
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} name="filter-from" />
          </label>
          <label>
            To
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} name="filter-to" />
          </label>
          {filtering && (
            <button
              type="button"
              onClick={() => {
                setSearch('');
                setTypeFilter('');
                setFrom('');
                setTo('');
              }}
            >
              Show all
            </button>
          )}
        </form>
        {list.data && (
          <p className="muted" role="status">
            {filtering ? `${shown.length} of ${all.length} sessions match.` : `${all.length} session${all.length === 1 ? '' : 's'}.`}
          </p>
        )}
        <table className="data sessions-table" aria-label="Sessions">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Type</th>
              <th scope="col">When</th>
              <th scope="col">Players</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <SessionRow key={s.id} s={s} md={matchDayLabel(md.get(s.id) ?? null)} />
            ))}
            {list.data?.length === 0 && (
              <tr>
                <td colSpan={6}>No sessions yet: create one above.</td>
              </tr>
            )}
            {all.length > 0 && shown.length === 0 && (
              <tr>
                <td colSpan={6}>No session matches these filters.</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </>
  );
}

function SessionRow({ s, md }: { s: SessionSummary; md: string }) {
  return (
    <SessionRowActions session={s}>
      {(actions) => (
        <>
          <td>
            <a href={href('sessions', s.id)}>{s.name}</a>
          </td>
          <td data-col="type">
            {s.type ? SESSION_TYPE_LABEL[s.type] : <span className="muted">—</span>}
            {md && <span className="tag md-tag">{md}</span>}
          </td>
          <td>{formatWindow(s.startMs, s.endMs)}</td>
          <td>{s.participantCount}</td>
          <td>
            <StatusBadge status={s.processingStatus} stale={s.stale} />
            {s.reportPath && (
              <a className="row-report" href={href('report', s.id)} aria-label={`Report of ${s.name}`} title={`Open the report of ${s.name}`}>
                Report
              </a>
            )}
          </td>
          <td className="row-actions">{actions}</td>
        </>
      )}
    </SessionRowActions>
  );
}
