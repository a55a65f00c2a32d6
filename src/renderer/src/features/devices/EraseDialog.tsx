/**
 * Erase, only on the user's word: lists the unit's recordings, lets the user pick among those
 * whose verified copy is stored (the others cannot be picked, and say why), and asks once more
 * before anything is erased. The core checks again (stored copy re-hashed, the unit checks the
 * checksum), so this dialog is a convenience, not the safeguard.
 */
import { useEffect, useRef, useState } from 'react';
import type { DeviceView, EraseResult, RecordingView } from '../../../../shared/api/devices.contract.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';
import { formatBytes, formatWindow } from '../../lib/format.ts';

export function EraseDialog({ device, onClose, onErased }: { device: DeviceView; onClose: () => void; onErased: (r: EraseResult) => void }) {
  const api = useApi();
  const [recordings, setRecordings] = useState<RecordingView[] | null>(null);
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Focus moves into the dialog and, when it closes (kept, erased or Escape), back to what opened it.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    let live = true;
    api['devices:recordings']({ deviceId: device.deviceId }).then(
      (r) => {
        if (!live) return;
        setRecordings(r.recordings);
        // Nothing is ticked for the user: each recording to erase is their own choice.
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api, device.deviceId]);

  const toggle = (id: string) =>
    setPicked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const erase = async () => {
    setError(null);
    setBusy(true);
    try {
      onErased(await api['devices:erase']({ deviceId: device.deviceId, recordingIds: [...picked] }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className="erase-dialog"
      role="dialog"
      aria-labelledby="erase-h"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h2 id="erase-h" tabIndex={-1} ref={heading}>
        Erase recordings from {device.unitId}?
      </h2>
      <p>
        Tick the recordings to erase. Only those whose copy is stored and verified in the app can be erased. Erasing cannot be undone on the unit; the
        stored copy stays in the app.
      </p>
      {error && <Notice kind="error" title="Nothing was erased">{error}</Notice>}
      {!recordings && !error && <p role="status">Reading the unit's recordings…</p>}
      {recordings && (
        <table className="data" aria-label={`Recordings on ${device.unitId}`}>
          <thead>
            <tr>
              <th scope="col">Erase</th>
              <th scope="col">Recording</th>
              <th scope="col">When</th>
              <th scope="col">Size</th>
              <th scope="col">Copy in the app</th>
            </tr>
          </thead>
          <tbody>
            {recordings.map((r) => (
              <tr key={r.recordingId}>
                <td>
                  <input
                    type="checkbox"
                    className="big-check"
                    checked={picked.has(r.recordingId)}
                    disabled={!r.stored}
                    onChange={() => toggle(r.recordingId)}
                    aria-label={`Erase recording ${r.recordingId}`}
                  />
                </td>
                <td>{r.recordingId}</td>
                <td>
                  {formatWindow(r.startMs, r.endMs)}
                </td>
                <td>{formatBytes(r.size)}</td>
                <td>{r.stored ? '✔ Stored and verified' : '✖ Not downloaded: kept on the unit'}</td>
              </tr>
            ))}
            {recordings.length === 0 && (
              <tr>
                <td colSpan={5}>The unit holds no recordings.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <div className="process-row">
        <button type="button" className="danger" onClick={() => void erase()} disabled={busy || picked.size === 0}>
          {busy ? 'Erasing…' : `Erase ${picked.size} recording${picked.size === 1 ? '' : 's'} from ${device.unitId}`}
        </button>
        <button type="button" onClick={onClose}>
          Keep them
        </button>
      </div>
    </section>
  );
}
