import { useState, type FormEvent } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { href, navigate } from '../../app/router.ts';
import { toDateInput, windowFromInputs } from '../../lib/local-time.ts';
import { formatWindow } from '../../lib/format.ts';

export function SessionsPage() {
  const api = useApi();
  const list = useLoad(() => api['sessions:list'](), []);
  useEvent('sessions:changed', list.reload);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [date, setDate] = useState(() => toDateInput(Date.now()));
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('11:30');

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const s = await api['sessions:create']({ name, ...windowFromInputs(date, start, end) });
      navigate('sessions', s.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <>
      <h1>Sessions</h1>
      <section aria-labelledby="new-h">
        <h2 id="new-h">New session</h2>
        {error && <Notice kind="error" title="Cannot create the session">{error}</Notice>}
        <form className="inline-form" onSubmit={(e) => void create(e)} aria-label="New session">
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} name="session-name" placeholder="Tuesday training" />
          </label>
          <label>
            Date
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required name="session-date" />
          </label>
          <label>
            Starts
            <input type="time" value={start} onChange={(e) => setStart(e.target.value)} required name="session-start" />
          </label>
          <label>
            Ends
            <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} required name="session-end" />
          </label>
          <button type="submit" className="primary">
            Create session
          </button>
        </form>
      </section>
      <section aria-labelledby="list-h">
        <h2 id="list-h">All sessions</h2>
        {list.error && <Notice kind="error">{list.error}</Notice>}
        <table className="data" aria-label="Sessions">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">When</th>
              <th scope="col">Players</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={href('sessions', s.id)}>{s.name}</a>
                </td>
                <td>
                  {formatWindow(s.startMs, s.endMs)}
                </td>
                <td>{s.participantCount}</td>
                <td>
                  <StatusBadge status={s.processingStatus} />
                </td>
              </tr>
            ))}
            {list.data?.length === 0 && (
              <tr>
                <td colSpan={4}>No sessions yet: create one above.</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </>
  );
}
