/** One connected unit in the Devices table. */
import { useRef, useState } from 'react';
import type { DeviceView, DownloadStatus } from '../../../../shared/api/devices.contract.ts';
import type { Player } from '../../../../shared/domain/roster.ts';
import { AssignControl } from './AssignControl.tsx';
import { DownloadCell } from './DownloadCell.tsx';
import { formatClockOffset, KIND_LABEL } from './transfer-format.ts';

export interface DeviceRowProps {
  device: DeviceView;
  status: DownloadStatus | null;
  players: Player[];
  sessionId: string | null;
  sessionName: (id: string) => string | null;
  onRetry: () => void;
  onCancel: () => void;
  onErase: () => void;
}

export function DeviceRow({ device: d, status, players, sessionId, sessionName, onRetry, onCancel, onErase }: DeviceRowProps) {
  const [changing, setChanging] = useState(false);
  // After assigning (or keeping the player), the keyboard goes on from the Change button, which
  // appears once the unit's new player is known.
  const backToChange = useRef(false);
  const changeButton = (el: HTMLButtonElement | null) => {
    if (el && backToChange.current) {
      backToChange.current = false;
      el.focus();
    }
  };
  const endChange = () => {
    backToChange.current = true;
    setChanging(false);
  };
  const running = status?.state === 'running';
  const other = status && status.sessionId !== sessionId ? sessionName(status.sessionId) : null;
  return (
    <tr data-device={d.deviceId} data-unit={d.unitId}>
      <th scope="row">
        <span className="mono unit-id">{d.unitId}</span>
        {d.simulated && <span className="tag">simulated</span>}
        <div className="muted small">{KIND_LABEL[d.kind] ?? d.kind}</div>
      </th>
      <td className="mono small">{d.port}</td>
      <td>{d.firmware ?? '—'}</td>
      <td>{d.batteryPct == null ? '—' : `${d.batteryPct} %`}</td>
      <td title="Unit clock minus laptop clock, measured when it was plugged in; its data is corrected by it">
        {formatClockOffset(d.clockOffsetMs)}
        {d.clockUncertaintyMs != null && <div className="small">± {d.clockUncertaintyMs} ms</div>}
      </td>
      <td>
        {d.player && !changing ? (
          <>
            <span className="player-name">{d.player.name}</span>{' '}
            <button type="button" className="small-btn" ref={changeButton} onClick={() => setChanging(true)} aria-label={`Change the player of ${d.unitId}`}>
              Change
            </button>
          </>
        ) : (
          <AssignControl
            device={d}
            players={players}
            sessionId={sessionId}
            onDone={endChange}
            {...(changing ? { onCancel: endChange } : {})}
          />
        )}
      </td>
      <td className="dl-cell">
        {d.canDownload ? (
          <DownloadCell
            unitId={d.unitId}
            status={status}
            otherSession={other}
            canRetry={!running && !d.busy && (status !== null || sessionId !== null)}
            onCancel={onCancel}
            onRetry={onRetry}
          />
        ) : (
          <span className="muted">Records live: nothing to download</span>
        )}
      </td>
      <td>
        {d.canErase && (
          <button type="button" onClick={onErase} disabled={running || d.busy} aria-label={`Erase recordings from ${d.unitId}`}>
            Erase…
          </button>
        )}
      </td>
    </tr>
  );
}
