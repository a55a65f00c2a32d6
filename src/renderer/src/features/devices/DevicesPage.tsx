/**
 * The Devices page: units appear and disappear as they are plugged in and out (pushed events),
 * each with its details and player; one button downloads the chosen session's data from all of
 * them in parallel, with a progress bar per unit, Cancel, and per-unit failures naming the unit
 * and why, with Retry. Erase is offered only for what is stored and verified. Demo units let a
 * new user try it all with no hardware.
 */
import { Fragment, useState } from 'react';
import type { SessionSummary } from '../../../../shared/domain/session.ts';
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

/** The session downloads went into last (or was picked last) on this laptop. */
const LAST_SESSION_KEY = 'player1.devices.session';
const remembered = (): string | null => {
  try {
    return window.localStorage.getItem(LAST_SESSION_KEY);
  } catch {
    return null;
  }
};
const remember = (id: string) => {
  try {
    window.localStorage.setItem(LAST_SESSION_KEY, id);
  } catch {
    // private mode or storage full: the page still works, it just does not remember
  }
};

/**
 * The session downloads go into when none is picked on the page: the one used last, else the
 * latest that has started by now (not a future one), else the next to come; never one being processed.
 */
function defaultSession(list: readonly SessionSummary[], now: number): string | null {
  const open = list.filter((s) => !ACTIVE_STATUSES.includes(s.processingStatus));
  const last = remembered();
  if (last && open.some((s) => s.id === last)) return last;
  const started = open.filter((s) => s.startMs <= now).sort((a, b) => b.startMs - a.startMs)[0];
  const next = open.filter((s) => s.startMs > now).sort((a, b) => a.startMs - b.startMs)[0];
  return (started ?? next)?.id ?? null;
}

export function DevicesPage({ initialSessionId }: { initialSessionId: string | null }) {
  const api = useApi();
  const state = useDevices();
  const sessions = useLoad(() => api['sessions:list'](), []);
  const players = usePlayers();
  // Players who left are kept in history but not offered.
  const activePlayers = (players.data ?? []).filter((p) => p.archivedAt === null);
  useEvent('sessions:changed', sessions.reload);

  const [picked, setPicked] = useState<string | null>(initialSessionId);
  const [notes, setNotes] = useState<{ kind: 'error' | 'info' | 'success'; text: string }[]>([]);
  const [erasing, setErasing] = useState<DeviceView | null>(null);

  const list = sessions.data ?? [];
  const sessionId = (picked && list.some((s) => s.id === picked) ? picked : null) ?? defaultSession(list, Date.now());
  const session = list.find((s) => s.id === sessionId) ?? null;
  const sessionName = (id: string) => list.find((s) => s.id === id)?.name ?? null;
  const locked = session ? ACTIVE_STATUSES.includes(session.processingStatus) : false;

  const downloadable = state.devices.filter((d) => d.canDownload);
  const running = (id: string) => state.downloads.get(id)?.state === 'running';
  const idle = downloadable.filter((d) => !running(d.deviceId) && !d.busy);
  // Download all takes the units that have a player: a unit's data without one is in no report.
  const ready = idle.filter((d) => d.player !== null);
  const unassigned = idle.length - ready.length;

  const pick = (id: string | null) => {
    setPicked(id);
    if (id) remember(id);
  };
  const download = async (deviceIds?: string[], into: string | null = sessionId) => {
    if (!into) return;
    remember(into);
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
      {state.problems.map((p) => (
        <Notice key={p.path ?? ''} kind="error" title={p.path ? `A unit on ${p.path} could not be opened` : 'The ports could not be listed'}>
          {p.message}
        </Notice>
      ))}

      <section aria-labelledby="download-h">
        <h2 id="download-h">Download</h2>
        <div className="inline-form">
          <label className="grow">
            Download into the session
            <select value={sessionId ?? ''} onChange={(e) => pick(e.target.value || null)} name="device-session">
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
            onClick={() => void download(ready.map((d) => d.deviceId))}
            disabled={!sessionId || locked || ready.length === 0}
            aria-describedby="download-why"
          >
            Download all{ready.length > 0 ? ` (${ready.length} unit${ready.length === 1 ? '' : 's'})` : ''}
          </button>
        </div>
        {session && (
          <div className="download-target" data-session={session.id}>
            <span className="target-label">Downloads go into</span> <a href={href('sessions', session.id)} className="target-name">{session.name}</a>{' '}
            <span className="target-when">{formatWindow(session.startMs, session.endMs)}</span>
            <p className="muted">
              Recordings overlapping this window are copied into it, for the player each unit is assigned to.
              {locked && ' It is being processed: wait until it ends.'}
            </p>
          </div>
        )}
        <p className="muted" id="download-why">
          {idle.length > 0 && ready.length === 0
            ? `Assign ${idle.length === 1 ? 'the unit' : 'each unit'} to a player first (in the Player column below): data without a player is in no report.`
            : unassigned > 0
              ? `${unassigned} unit${unassigned === 1 ? ' is' : 's are'} not assigned to a player and left out: assign ${unassigned === 1 ? 'it' : 'them'} to download ${unassigned === 1 ? 'it' : 'them'} too.`
              : ''}
        </p>
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
              <Fragment key={d.deviceId}>
                <DeviceRow
                  device={d}
                  status={state.downloads.get(d.deviceId) ?? null}
                  players={activePlayers}
                  sessionId={sessionId}
                  sessionName={sessionName}
                  // A retry goes into the session the failed download was for.
                  onRetry={() => void download([d.deviceId], state.downloads.get(d.deviceId)?.sessionId ?? sessionId)}
                  onCancel={() => void cancel(d.deviceId)}
                  onErase={() => setErasing(d)}
                />
                {erasing?.deviceId === d.deviceId && (
                  // Beside the row it was opened from, not at the foot of the page.
                  <tr className="erase-row">
                    <td colSpan={8}>
                      <EraseDialog key={erasing.deviceId} device={erasing} onClose={() => setErasing(null)} onErased={erased} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
            {state.loaded && state.devices.length === 0 && (
              <tr>
                <td colSpan={8}>No units connected. Plug one in{state.discovery?.demoAllowed ? ', or start demo units below' : ''}.</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>


      {state.discovery?.demoAllowed && state.demo && <DemoControls demo={state.demo} sessionId={sessionId} onChange={state.setDemo} />}
    </>
  );
}
