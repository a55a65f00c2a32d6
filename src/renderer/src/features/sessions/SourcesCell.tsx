/**
 * Which unit each kind of data (GNSS, accelerometer, heart rate) comes from, for a player wearing
 * several units: one choice per kind, "Automatic" stating the default rule (GNSS from the pod, heart
 * rate from the strap), and under it what the last processing took and why. A player of one unit
 * has nothing to choose: everything comes from it.
 */
import { useId } from 'react';
import { participantUnits, type Participant } from '../../../../shared/domain/session.ts';
import { STREAM_DEFAULT_SHORT, STREAM_KIND_LABEL, STREAM_KINDS, type ResultSources, type StreamKind } from '../../../../shared/domain/stream-sources.ts';

export function SourcesCell({
  participant: p,
  used,
  disabled,
  onChange,
}: {
  participant: Participant;
  /** What the player's stored result took each kind from (null: not processed yet, or before results kept it). */
  used: ResultSources['used'] | null;
  disabled: boolean;
  onChange: (kind: StreamKind, unitId: string | null) => void;
}) {
  const units = participantUnits(p);
  const noteId = useId();
  if (units.length < 2) return <span>All from <span className="mono">{p.deviceId}</span></span>;
  return (
    <div className="sources" role="group" aria-label={`Data sources for ${p.playerName}`}>
      {STREAM_KINDS.map((k) => {
        const chosen = p.sources?.[k] ?? '';
        const last = used?.[k];
        return (
          <label key={k} className="source-row">
            <span className="source-kind">{STREAM_KIND_LABEL[k]}</span>
            <select value={chosen} disabled={disabled} onChange={(e) => onChange(k, e.target.value || null)} aria-label={`${STREAM_KIND_LABEL[k]} for ${p.playerName}`} aria-describedby={last ? `${noteId}-${k}` : undefined}>
              <option value="">Automatic: {STREAM_DEFAULT_SHORT[k]}</option>
              {units.map((u) => (
                <option key={u.unitId} value={u.unitId}>
                  {u.deviceId}
                </option>
              ))}
            </select>
            {last && (
              <small className="source-used" id={`${noteId}-${k}`}>
                Last processed from <span className="mono">{last.deviceId}</span> ({last.how === 'chosen' ? 'chosen' : last.why})
              </small>
            )}
          </label>
        );
      })}
    </div>
  );
}
