import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import type { Session } from '../../../../shared/domain/session.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { Notice } from '../../components/Notice.tsx';
import { toDateInput, toTimeInput, windowFromInputs } from '../../lib/local-time.ts';

export function DetailsSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const [name, setName] = useState(session.name);
  const [date, setDate] = useState(toDateInput(session.startMs));
  const [start, setStart] = useState(toTimeInput(session.startMs));
  const [end, setEnd] = useState(toTimeInput(session.endMs));
  const [msg, setMsg] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api['sessions:update']({ id: session.id, name, ...windowFromInputs(date, start, end) });
      setMsg({ kind: 'success', text: 'Saved.' });
      onChanged();
    } catch (err) {
      setMsg({ kind: 'error', text: errorMessage(err) });
    }
  };
  return (
    <section aria-labelledby="details-h">
      <h2 id="details-h">Session details</h2>
      <form className="inline-form" onSubmit={(e) => void save(e)} aria-label="Session details">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} disabled={locked} />
        </label>
        <label>
          Date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required disabled={locked} />
        </label>
        <label>
          Starts
          <input type="time" value={start} onChange={(e) => setStart(e.target.value)} required disabled={locked} />
        </label>
        <label>
          Ends
          <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} required disabled={locked} />
        </label>
        <button type="submit" disabled={locked}>
          Save details
        </button>
      </form>
      {msg && <Notice kind={msg.kind}>{msg.text}</Notice>}
    </section>
  );
}
