import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import type { ImportSummary } from '../../../../shared/api/sessions.contract.ts';
import type { Session } from '../../../../shared/domain/session.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { formatTime } from '../../../../shared/domain/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { href } from '../../app/router.ts';

export function ImportSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);

  const pick = async () => {
    setError(null);
    try {
      const r = await api['app:pickFolder']({ title: 'Choose the session folder' });
      if (r.path) setFolder(r.path);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const run = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setSummary(await api['sessions:importFolder']({ id: session.id, folder }));
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">Import data</h2>
      <p className="muted">
        A folder in the Player1 CSV layout: <code>meta.csv</code> and one folder per unit with <code>gps.csv</code>
        (and <code>imu.csv</code>). The files are copied into the app, so the folder can go afterwards. Units plugged into
        this laptop: <a href={href('devices', session.id)}>download them on the Devices page</a>.
      </p>
      <form className="inline-form" onSubmit={(e) => void run(e)} aria-label="Import folder">
        <label className="grow">
          Folder
          <input value={folder} onChange={(e) => setFolder(e.target.value)} required name="import-folder" placeholder="/path/to/session" disabled={locked} />
        </label>
        <button type="button" onClick={() => void pick()} disabled={locked}>
          Choose folder…
        </button>
        <button type="submit" className="primary" disabled={busy || locked}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {error && <Notice kind="error" title="Import failed">{error}</Notice>}
      {summary && (
        <>
          <Notice kind="success" title={`Imported ${summary.units.length} unit(s)`} />
          {summary.warnings.map((w) => (
            <Notice key={w} kind="warning">
              {w}
            </Notice>
          ))}
          <table className="data" aria-label="Imported units">
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Player</th>
                <th scope="col">Files</th>
                <th scope="col">Data from – to</th>
              </tr>
            </thead>
            <tbody>
              {summary.units.map((u) => (
                <tr key={u.deviceId}>
                  <td className="mono">
                    {u.deviceId}
                    {u.createdUnit && <span className="tag">new</span>}
                  </td>
                  <td>
                    {u.playerName}
                    {u.createdPlayer && <span className="tag">new</span>}
                  </td>
                  <td>{u.files.map((f) => f.sourceName).join(', ') || '—'}</td>
                  <td>{u.firstMs != null && u.lastMs != null ? `${formatTime(u.firstMs)} – ${formatTime(u.lastMs)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
