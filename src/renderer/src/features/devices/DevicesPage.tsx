/**
 * The Devices page: units appear and disappear as they are plugged in and out (pushed events),
 * each with its details and player; one button downloads the chosen session's data from all of
 * them in parallel, with a progress bar per unit, Cancel, and per-unit failures naming the unit
 * and why, with Retry. Erase is offered only for what is stored and verified. Demo units let a
 * new user try it all with no hardware.
 */
import { useState } from 'react';
import type { DeviceView, DownloadFailedView, DownloadStatus, EraseResult } from '../../../../shared/api/devices.contract.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { href } from '../../app/router.ts';
import { formatWindow } from '../../lib/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { DemoControls } from './DemoControls.tsx';
import { DeviceRow } from './DeviceRow.tsx';
import { EraseDialog } from './EraseDialog.tsx';
import { useDevices } from './useDevices.ts';
import { usePlayers } from '../roster/useRoster.ts';
import './devices.css';

export function DevicesPage({ initialSessionId }: { initialSessionId: string | null }) {
  const api = useApi();
  const state = useDevices();
  const sessions = useLoad(() => api['sessions:list'](), []);
  const players = usePlayers();
  useEvent('sessions:changed', sessions.reload);

  const [picked, setPicked] = useState<string | null>(initialSessionId);
  const [notes, setNotes] = useState<{ kind: 'error' | 'info' | 'success'; text: string }[]>([]);
  const [erasing, setErasing] = useState<DeviceView | null>(null);

  const list = sessions.data ?? [];
  // Default: the newest session that can still take data.
  const sessionId = picked ?? list.find((s) => !ACTIVE_STATUSES.includes(s.processingStatus))?.id ?? null;
  const session = list.find((s) => s.id === sessionId) ?? null;
  const sessionName = (id: string) => list.find((s) => s.id === id)?.name ?? null;
  const locked = session ? ACTIVE_STATUSES.includes(session.processingStatus) : false;

  const downloadable = state.devices.filter((d) => d.canDownload);
  const running = (id: string) => state.downloads.get(id)?.state === 'running';
  const idle = downloadable.filter((d) => !running(d.deviceId) && !d.busy);

  const download = async (deviceIds?: string[], into: string | null = sessionId) => {
    if (!into) return;
    setNotes([]);
    try {
      const r = await api['devices:download']({ sessionId: into, ...(deviceIds ? { deviceIds } : {}) });
      setNotes(r.skipped.map((s) => ({ kind: 'info' as const, text: s.reason })));
    } catch (e) {
      setNotes([{ kind: 'error', text: errorMessage(e) }]);
    }
  };
  const cancel = async (deviceId: string) => {
    try {
      await api['devices:cancel']({ deviceId });
    } catch (e) {
      setNotes([{ kind: 'error', text: errorMessage(e) }]);
    }
  };
  const erased = (r: EraseResult) => {
    setErasing(null);
    const kept = r.kept.length > 0 ? ` Kept on the unit: ${r.kept.map((k) => `recording ${k.recordingId} (${k.reason})`).join('; ')}.` : '';
    setNotes([{ kind: 'success', text: `${r.unitId}: erased ${r.erased.length} recording${r.erased.length === 1 ? '' : 's'}.${kept}` }]);
  };

  // Failures of units that are not plugged in any more stay visible until they come back.
  const connectedIds = new Set(state.devices.map((d) => d.deviceId));
  const away = [...state.downloads.values()].filter(
    (s): s is Extract<DownloadStatus, { state: 'failed' }> & DownloadFailedView => s.state === 'failed' && !connectedIds.has(s.deviceId),
  );

  return (
    <>
      <h1>Devices</h1>
      <p className="muted">
        {state.discovery?.hardware
          ? 'Plug units in: they appear here within a couple of seconds.'
          : 'This window watches demo units only (no hardware in this host).'}
      </p>
      {state.error && <Notice kind="error" title="Units cannot be watched">{state.error}</Notice>}

      <section aria-labelledby="download-h">
        <h2 id="download-h">Download</h2>
        <div className="inline-form">
          <label className="grow">
            Session
            <select value={sessionId ?? ''} onChange={(e) => setPicked(e.target.value || null)} name="device-session">
              {list.length === 0 && <option value="">No sessions yet: create one first</option>}
              {list.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} — {formatWindow(s.startMs, s.endMs)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary big"
            onClick={() => void download()}
            disabled={!sessionId || locked || idle.length === 0}
          >
            Download all{idle.length > 0 ? ` (${idle.length} unit${idle.length === 1 ? '' : 's'})` : ''}
          </button>
        </div>
        {session && (
          <p className="muted">
            Recordings overlapping {formatWindow(session.startMs, session.endMs)} are copied into{' '}
            <a href={href('sessions', session.id)}>{session.name}</a>, for the player each unit is assigned to.
            {locked && ' It is being processed: wait until it ends.'}
          </p>
        )}
        {notes.map((n) => (
          <Notice key={n.text} kind={n.kind}>
            {n.text}
          </Notice>
        ))}
        {away.map((f) => (
          <Notice key={f.deviceId} kind="error" title={`${f.unitId} is not connected`}>
            <p className="failure-message">{f.message}</p>
            <p>Plug it back in: it reappears below with Retry, and the download resumes where it stopped.</p>
          </Notice>
        ))}
      </section>

      <section aria-labelledby="units-h">
        <h2 id="units-h">Connected units</h2>
        <table className="data devices-table" aria-label="Connected units">
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Port</th>
              <th scope="col">Firmware</th>
              <th scope="col">Battery</th>
              <th scope="col">Clock offset</th>
              <th scope="col">Player</th>
              <th scope="col" className="dl-col">Download</th>
              <th scope="col">
                <span className="sr-only">Erase</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.devices.map((d) => (
              <DeviceRow
                key={d.deviceId}
                device={d}
                status={state.downloads.get(d.deviceId) ?? null}
                players={players.data ?? []}
                sessionId={sessionId}
                sessionName={sessionName}
                // A retry goes into the session the failed download was for.
                onRetry={() => void download([d.deviceId], state.downloads.get(d.deviceId)?.sessionId ?? sessionId)}
                onCancel={() => void cancel(d.deviceId)}
                onErase={() => setErasing(d)}
              />
            ))}
            {state.loaded && state.devices.length === 0 && (
              <tr>
                <td colSpan={8}>No units connected. Plug one in{state.discovery?.demoAllowed ? ', or start demo units below' : ''}.</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>

      {erasing && <EraseDialog key={erasing.deviceId} device={erasing} onClose={() => setErasing(null)} onErased={erased} />}

      {state.discovery?.demoAllowed && state.demo && <DemoControls demo={state.demo} sessionId={sessionId} onChange={state.setDemo} />}
    </>
  );
}
