/**
 * Settings → Data folder, backup and restore: where the app keeps its data (with each part's size
 * and whether backups hold it), Backup (one .tar.gz: database, raw files, reports, manifest) and
 * Restore (the archive is checked completely first; the user then sees what it holds against
 * what would be replaced, and confirms). Native save/open dialogs where the host has them (the
 * app), a typed path otherwise (the browser over the dev bridge). Progress and Cancel follow
 * backup:progress.
 */
import { useCallback, useState } from 'react';
import type { BackupPhase, BackupResult, BackupSummary, RestoreResult, VerifiedBackup } from '../../../../shared/api/backup.contract.ts';
import type { EventPayloads } from '../../../../shared/api/contract.ts';
import { formatDateTime } from '../../../../shared/domain/format.ts';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';

const PHASE: Record<BackupPhase, string> = {
  files: 'Gathering raw files and reports…',
  database: 'Copying the database…',
  hashing: 'Computing checksums…',
  archive: 'Writing the archive…',
  extracting: 'Unpacking the backup…',
  checking: 'Checking every file against the manifest…',
  swapping: 'Replacing the data…',
  done: 'Done',
};

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${Math.round(n / 1024)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const counts = (c: { sessions: number; players: number; rawFiles: number; reports: number }) =>
  `${plural(c.sessions, 'session')}, ${plural(c.players, 'player')}, ${plural(c.rawFiles, 'raw file')}, ${plural(c.reports, 'report')}`;
const madeBy = (s: BackupSummary) => `made ${formatDateTime(s.createdAt)} by ${s.appName} ${s.appVersion} (database schema ${s.schemaVersion}) from ${s.sourceDataDir}`;

export function BackupSection() {
  const api = useApi();
  const info = useLoad(() => api['backup:info'](), []);
  const [progress, setProgress] = useState<EventPayloads['backup:progress'] | null>(null);
  const [busy, setBusy] = useState<'backup' | 'verify' | 'restore' | null>(null);
  const [savePath, setSavePath] = useState('');
  const [restorePath, setRestorePath] = useState('');
  const [saved, setSaved] = useState<BackupResult | null>(null);
  const [verified, setVerified] = useState<VerifiedBackup | null>(null);
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const [error, setError] = useState<{ where: 'backup' | 'restore' | 'folder' | 'previous'; text: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  useEvent(
    'backup:progress',
    useCallback((p: EventPayloads['backup:progress']) => setProgress(p), []),
  );
  const d = info.data;
  if (info.error && !d) return <Notice kind="error">{info.error}</Notice>;
  if (!d) return <p role="status">Loading the data folder…</p>;

  const run = async <T,>(what: 'backup' | 'verify' | 'restore', f: () => Promise<T>): Promise<T | null> => {
    setBusy(what);
    setProgress(null);
    setError(null);
    try {
      return await f();
    } catch (e) {
      setError({ where: what === 'backup' ? 'backup' : 'restore', text: errorMessage(e) });
      return null;
    } finally {
      setBusy(null);
      setProgress(null);
      info.reload();
    }
  };

  const backup = async () => {
    setSaved(null);
    let path = savePath.trim();
    if (d.canPick) {
      const r = await api['backup:pickSave']().catch((e: unknown) => {
        setError({ where: 'backup', text: errorMessage(e) });
        return { path: null };
      });
      if (!r.path) return;
      path = r.path;
    }
    const r = await run('backup', () => api['backup:create']({ path }));
    if (r) setSaved(r);
  };

  const check = async () => {
    setVerified(null);
    setRestored(null);
    let path = restorePath.trim();
    if (d.canPick) {
      const r = await api['backup:pickArchive']().catch((e: unknown) => {
        setError({ where: 'restore', text: errorMessage(e) });
        return { path: null };
      });
      if (!r.path) return;
      path = r.path;
    }
    const r = await run('verify', () => api['backup:verify']({ path }));
    if (r) setVerified(r);
  };

  const restore = async () => {
    if (!verified) return;
    const r = await run('restore', () => api['backup:restore']({ token: verified.token }));
    setVerified(null);
    if (r) {
      setRestored(r);
      // The data changed: a backup saved before it no longer describes what is here.
      setSaved(null);
    }
  };

  const dontRestore = async () => {
    setVerified(null);
    await api['backup:cancel']().catch(() => undefined);
  };

  const bar = busy && (
    <div className="backup-progress" aria-live="polite">
      <p>{progress ? PHASE[progress.phase] : busy === 'backup' ? 'Starting the backup…' : busy === 'verify' ? 'Opening the backup…' : 'Replacing the data…'}</p>
      <ProgressBar value={progress && progress.total > 0 ? progress.done / progress.total : 0} label={busy === 'backup' ? 'Backup progress' : 'Restore progress'} />
      {busy !== 'restore' && (
        <button type="button" onClick={() => void api['backup:cancel']()}>
          Cancel
        </button>
      )}
    </div>
  );

  return (
    <section aria-labelledby="data-folder-h" className="backup-section">
      {/* Folded like the threshold groups, so Settings stays one short page; the path shows folded too. */}
      <details className="settings-group" data-group="data-folder">
        <summary>
          <span className="group-title" id="data-folder-h">
            Data folder, backup and restore
          </span>
          <span className="group-state">{d.dataDir}</span>
        </summary>
        <p>
          Everything Player1 Pitchside keeps is in this folder on this laptop:{' '}
          <code className="data-dir" data-testid="data-dir">
            {d.dataDir}
          </code>
        </p>
        <div className="inline-form">
          {d.canOpen ? (
            <button
              type="button"
              onClick={() =>
                void api['backup:openFolder']().catch((e: unknown) => setError({ where: 'folder', text: errorMessage(e) }))
              }
            >
              Open data folder
            </button>
          ) : (
            <span className="muted">This window cannot open folders (browser): copy the path above into your file manager.</span>
          )}
        </div>
        {error?.where === 'folder' && <p role="alert" className="error">{error.text}</p>}
        <div className="table-scroll">
          <table className="data numeric" aria-label="What the data folder holds">
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col">What it holds</th>
                <th scope="col">Size</th>
                <th scope="col">Files</th>
                <th scope="col">In backups</th>
              </tr>
            </thead>
            <tbody>
              {d.parts.map((p) => (
                <tr key={p.name} data-part={p.name}>
                  <th scope="row">
                    <code>{p.name}</code>
                  </th>
                  <td className="text">{p.what}</td>
                  <td>{size(p.bytes)}</td>
                  <td>{p.files}</td>
                  <td>{p.inBackup ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <h3>Backup</h3>
        <p className="muted">
          One archive (.tar.gz) with the database, every raw file and every report, and a manifest of their checksums. It is taken while the
          app runs (nothing needs to stop) and appears only once it is complete. Keep it off this laptop (a USB stick, the club's drive).
        </p>
        <div className="inline-form">
          {!d.canPick && (
            <label className="grow">
              Save the backup to (a file, or a folder for a dated name)
              <input name="backup-path" value={savePath} onChange={(e) => setSavePath(e.target.value)} placeholder="/media/usb/player1-backups" />
            </label>
          )}
          <button type="button" className="primary" disabled={busy !== null || (!d.canPick && !savePath.trim())} onClick={() => void backup()}>
            {d.canPick ? 'Save a backup…' : 'Save backup'}
          </button>
        </div>
        {busy === 'backup' && bar}
        {error?.where === 'backup' && (
          <Notice kind="error" title="No backup saved">
            {error.text}
          </Notice>
        )}
        {saved && (
          <Notice kind="success" title="Backup saved">
            <p>
              <code>{saved.path}</code> ({size(saved.archiveBytes)}): {counts(saved.summary)}.
            </p>
            <p className="muted">Left out: {saved.leftOut.join('; ')}.</p>
          </Notice>
        )}

        <h3>Restore</h3>
        <p className="muted">
          Replaces all the data in this folder with a backup&apos;s. The backup is checked completely first (every file against its checksum,
          the database opened and checked); nothing is replaced unless it is whole. The data it replaces is kept in a dated folder beside it.
        </p>
        <div className="inline-form">
          {!d.canPick && (
            <label className="grow">
              Backup file to restore
              <input name="restore-path" value={restorePath} onChange={(e) => setRestorePath(e.target.value)} placeholder="/media/usb/player1-backups/player1-backup-….tar.gz" />
            </label>
          )}
          <button type="button" disabled={busy !== null || verified !== null || (!d.canPick && !restorePath.trim())} onClick={() => void check()}>
            {d.canPick ? 'Choose a backup to restore…' : 'Check backup'}
          </button>
        </div>
        {(busy === 'verify' || busy === 'restore') && bar}
        {error?.where === 'restore' && (
          <Notice kind="error" title="Not restored">
            {error.text}
          </Notice>
        )}
        {verified && busy === null && (
          <Notice kind="warning" title="The backup is whole. Replace your data with it?">
            <p>
              <code>{verified.path}</code>, {madeBy(verified.summary)}: {counts(verified.summary)}.
            </p>
            <p>
              It replaces what this laptop holds now: {counts(verified.current)}. What it replaces is kept in a dated folder in the data folder.
            </p>
            <div className="inline-form">
              <button type="button" className="danger" onClick={() => void restore()}>
                Replace my data with this backup
              </button>
              {/* Focus comes here, the safe answer, when the question appears (not on the button that replaces). */}
            <button type="button" onClick={() => void dontRestore()} autoFocus>
                Don&apos;t restore
              </button>
            </div>
          </Notice>
        )}
        {restored && (
          <Notice kind="success" title="Backup restored">
            <p>
              The data is now the backup {madeBy(restored.summary)}: {counts(restored.summary)}.
            </p>
            {restored.previousDataAt && (
              <p>
                The data it replaced is kept in <code>{restored.previousDataAt}</code> (delete that folder once you no longer need it).
              </p>
            )}
          </Notice>
        )}
        {d.previous.length > 0 && (
          <>
            <h3>Data kept from earlier restores</h3>
            <ul className="previous-data">
              {d.previous.map((p) => (
                <li key={p.path}>
                  <code>{p.path}</code> <span className="muted">(set aside {formatDateTime(p.at)})</span>{' '}
                  {removing === p.path ? (
                    <>
                      <span>Delete it for good?</span>{' '}
                      <button
                        type="button"
                        className="danger"
                        onClick={() =>
                          void api['backup:removePrevious']({ path: p.path })
                            .catch((e: unknown) => setError({ where: 'previous', text: errorMessage(e) }))
                            .finally(() => {
                              setRemoving(null);
                              info.reload();
                            })
                        }
                      >
                        Delete
                      </button>{' '}
                    <button type="button" onClick={() => setRemoving(null)} autoFocus>
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setRemoving(p.path)} disabled={busy !== null}>
                      Delete…
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {error?.where === 'previous' && <p role="alert" className="error">{error.text}</p>}
          </>
        )}
      </details>
    </section>
  );
}
