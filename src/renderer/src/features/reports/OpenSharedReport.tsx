/**
 * "Open a shared report…": a report someone else made (a colleague's report.html), chosen in the
 * system's file dialog, or typed as a path where there is none (a plain browser). It opens on the
 * shared-report page, read-only.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { navigate } from '../../app/router.ts';

export function OpenSharedReport() {
  const api = useApi();
  const [typing, setTyping] = useState(false);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async (given?: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api['reports:openShared'](given ? { path: given } : {});
      if (r) navigate('shared', r.token);
    } catch (e) {
      if (!given && e instanceof AppError && e.code === 'UNAVAILABLE') setTyping(true);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open(path.trim());
  };
  return (
    <div className="open-shared">
      {!typing ? (
        <button type="button" onClick={() => void open()} disabled={busy}>
          Open a shared report…
        </button>
      ) : (
        <form className="inline-form" onSubmit={submit} aria-label="Open a shared report">
          <label>
            Report file someone shared (.html)
            <input name="shared-report-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/coach/Downloads/report.html" size={44} autoFocus />
          </label>
          <button type="submit" disabled={busy || !path.trim()}>
            Open
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
