import { useEffect, useState, type FormEvent } from 'react';
import type { SyncItemView, SyncSettingsView } from '../../../../shared/api/sync.contract.ts';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';
import { formatDateTime } from '../../../../shared/domain/format.ts';
import { useSyncStatus } from './useSyncStatus.ts';
import { RosterPullSection } from './RosterPullSection.tsx';

const STATE_LABEL: Record<SyncItemView['state'], string> = {
  pending: 'Waiting',
  accepted: 'Sent, being stored',
  synced: 'On the server',
  superseded: 'Superseded by a newer revision',
  failed: 'Failed',
};

/** Sync to the club's central server: status, Sync now, settings, the failed uploads. */
export function SyncPage() {
  const api = useApi();
  const status = useSyncStatus();
  const settings = useLoad<SyncSettingsView>(() => api['sync:getSettings']({}), []);
  const items = useLoad<SyncItemView[]>(() => api['sync:list']({}), []);
  const reloadItems = items.reload;
  useEvent('sync:changed', reloadItems);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [ca, setCa] = useState('');
  const [token, setToken] = useState('');
  useEffect(() => {
    if (settings.data) {
      setUrl(settings.data.serverUrl ?? '');
      setCa(settings.data.caFile ?? '');
    }
  }, [settings.data]);

  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    setSaved(null);
    try {
      await f();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api['sync:saveSettings']({ serverUrl: url.trim() || null, caFile: ca.trim() || null, ...(token.trim() ? { token: token.trim() } : {}) });
      setToken('');
      setSaved('Saved.');
      settings.reload();
      items.reload();
    });
  };

  const failed = (items.data ?? []).filter((i) => i.state === 'failed');
  const others = (items.data ?? []).filter((i) => i.state !== 'failed').slice(0, 50);

  return (
    <>
      <h1>Sync</h1>
      <p className="muted">Processed sessions, survey answers and reports go to the club's central server whenever a network is there. Nothing is lost while offline.</p>
      {error && <Notice kind="error">{error}</Notice>}
      {status?.needsToken && (
        <Notice kind="error" title="Syncing stopped">
          The server refused this laptop's token. Enter a new token below (ask the club for one); the waiting sessions go as soon as it is saved.
        </Notice>
      )}

      <section className="sync-status" aria-label="Sync status">
        <dl className="sync-facts">
          <dt>Waiting</dt>
          <dd data-testid="sync-pending">{status ? status.pending : '…'}</dd>
          <dt>Last success</dt>
          <dd>{status?.lastSuccessAt != null ? formatDateTime(status.lastSuccessAt) : 'never'}</dd>
          <dt>Last error</dt>
          <dd>{status?.lastError ? `${status.lastError.message} (${formatDateTime(status.lastError.at)})` : 'none'}</dd>
          {status?.nextAttemptAt != null && status.pending > 0 && (
            <>
              <dt>Next try</dt>
              <dd>{formatDateTime(status.nextAttemptAt)}</dd>
            </>
          )}
        </dl>
        <button type="button" className="primary big" disabled={!status?.configured} onClick={() => void act(() => api['sync:now']({}))}>
          Sync now
        </button>
      </section>

      <RosterPullSection configured={status?.configured ?? false} />

      <h2>Failed uploads</h2>
      {failed.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="data" data-testid="sync-failed">
          <thead>
            <tr>
              <th scope="col">Session or change</th>
              <th scope="col">Revision</th>
              <th scope="col">The server's reason</th>
              <th scope="col">Queued</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((i) => (
              <tr key={i.bundleId}>
                <td>{i.sessionName}</td>
                <td>{i.kind === 'roster-deletion' ? '' : i.revision}</td>
                <td className="sync-reason">{i.reason ?? 'no reason given'}</td>
                <td>{formatDateTime(i.queuedAt)}</td>
                <td className="actions">
                  <button type="button" onClick={() => void act(() => api['sync:retry']({ bundleId: i.bundleId }))}>Send again</button>{' '}
                  <button type="button" onClick={() => void act(() => api['sync:discard']({ bundleId: i.bundleId }))}>Remove</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Server</h2>
      <form className="sync-form" onSubmit={save}>
        <label>
          Server address
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://sync.your-club.org" />
        </label>
        <label>
          Club certificate authority (PEM file, optional)
          <input type="text" value={ca} onChange={(e) => setCa(e.target.value)} placeholder="/path/to/club-ca.pem" />
        </label>
        <label>
          Laptop token {settings.data?.hasToken ? '(one is saved; leave empty to keep it)' : ''}
          <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder={settings.data?.hasToken ? '••••••••' : 'p1s_…'} />
        </label>
        <p className="muted">
          {settings.data?.tokenStorage === 'safeStorage'
            ? "The token is stored encrypted by the system's secure storage, never in plain text."
            : 'The token is kept in memory only, never written to disk: it is forgotten when the app is closed and must be entered again.'}{' '}
          Certificates are always verified.
        </p>
        <button type="submit" className="primary">Save</button> {saved && <span role="status">{saved}</span>}
      </form>

      <h2>Recent uploads</h2>
      {others.length === 0 ? (
        <p className="muted">Nothing queued yet.</p>
      ) : (
        <table className="data" data-testid="sync-items">
          <thead>
            <tr>
              <th scope="col">Session or change</th>
              <th scope="col">Revision</th>
              <th scope="col">State</th>
              <th scope="col">Queued</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {others.map((i) => (
              <tr key={i.bundleId} data-state={i.state}>
                <td>{i.sessionName}</td>
                <td>{i.kind === 'roster-deletion' ? '' : i.revision}</td>
                <td>{STATE_LABEL[i.state]}</td>
                <td>{formatDateTime(i.queuedAt)}</td>
                <td>{i.state === 'synced' ? '' : (i.reason ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
