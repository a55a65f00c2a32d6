/**
 * Export…: the session's report (HTML), its A4 PDF, the tidy CSV and the unit → player metadata
 * CSV, saved into a folder the user chooses (the folder dialog where the host has one, else a
 * path typed in), then offers to open that folder.
 */
import { useState } from 'react';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { ExportKind, ExportResult } from '../../../../shared/api/exports.contract.ts';

const KINDS: { kind: ExportKind; label: string }[] = [
  { kind: 'pdf', label: 'PDF (A4)' },
  { kind: 'html', label: 'Report (HTML)' },
  { kind: 'csv', label: 'Data (CSV)' },
  { kind: 'metadata', label: 'Units → players (CSV)' },
];

export function ExportPanel({ sessionId }: { sessionId: string }) {
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [kinds, setKinds] = useState<ExportKind[]>(['pdf', 'html', 'csv', 'metadata']);
  const [orientation, setOrientation] = useState<'portrait' | 'landscape'>('portrait');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ExportResult | null>(null);
  const choose = async () => {
    try {
      const r = await api['app:pickFolder']({ title: 'Save the exports into' });
      if (r.path) setFolder(r.path);
    } catch (e) {
      // No folder dialog where the app runs (a browser): one sentence saying what to do instead.
      setError(e instanceof AppError && e.code === 'UNAVAILABLE' ? 'No folder dialog here: type the folder’s path in the Folder box.' : `${errorMessage(e)}: type the folder’s path in the Folder box instead.`);
    }
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await api['exports:save']({ sessionId, folder, kinds, orientation }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="export-panel">
      <summary>Export…</summary>
      <fieldset>
        <legend>What</legend>
        {KINDS.map((k) => (
          <label key={k.kind}>
            <input type="checkbox" name={`export-${k.kind}`} checked={kinds.includes(k.kind)} onChange={(e) => setKinds((c) => (e.target.checked ? [...c, k.kind] : c.filter((x) => x !== k.kind)))} /> {k.label}
          </label>
        ))}
        <label>
          Page{' '}
          <select name="export-orientation" value={orientation} onChange={(e) => setOrientation(e.target.value as 'portrait' | 'landscape')}>
            <option value="portrait">A4 portrait</option>
            <option value="landscape">A4 landscape</option>
          </select>
        </label>
      </fieldset>
      <div className="inline-form">
        <label>
          Folder
          <input name="export-folder" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/home/coach/Reports" size={40} />
        </label>
        <button type="button" onClick={() => void choose()}>
          Choose folder…
        </button>
        <button type="button" className="primary" disabled={busy || !folder.trim() || kinds.length === 0} onClick={() => void save()}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && (
        <div role="status" className="export-done">
          <p>Saved into {done.folder}:</p>
          <ul>
            {done.files.map((f) => (
              <li key={f.path}>
                {f.path.split(/[\\/]/).pop()} ({Math.max(1, Math.round(f.bytes / 1024))} KB){f.replaced && <strong className="replaced"> — replaced the file of that name that was there</strong>}
              </li>
            ))}
          </ul>
          {done.canOpen && (
            <button type="button" onClick={() => void api['exports:open']({ path: done.folder }).catch((e: unknown) => setError(errorMessage(e)))}>
              Open folder
            </button>
          )}
        </div>
      )}
    </details>
  );
}
