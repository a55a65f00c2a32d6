/**
 * Which unit each kind of data (GNSS, accelerometer, heart rate) comes from, for a player wearing
 * several units: one choice per kind, "Automatic" stating the default rule (GNSS from the pod, heart
 * rate from the strap), and under it what the last processing took and why. A player of one unit
 * has nothing to choose: everything comes from it.
 */
import { useId } from 'react';
import { useConfirmedChoice } from '../../components/useConfirmedChoice.ts';
import { participantUnits, type Participant, type ParticipantUnit } from '../../../../shared/domain/session.ts';
import { STREAM_DEFAULT_SHORT, STREAM_KIND_LABEL, STREAM_KINDS, type ResultSources, type StreamKind, type StreamSource } from '../../../../shared/domain/stream-sources.ts';

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
  if (units.length < 2) return <span>All from <span className="mono">{p.deviceId}</span></span>;
  return (
    <div className="sources" role="group" aria-label={`Data sources for ${p.playerName}`}>
      {STREAM_KINDS.map((k) => (
        <SourceRow key={k} kind={k} participant={p} units={units} last={used?.[k]} disabled={disabled} onChange={(u) => onChange(k, u)} />
      ))}
    </div>
  );
}

/** One kind's choice: saved once confirmed (Enter, leaving the select, a pick with the mouse), not at each arrow key. */
function SourceRow({
  kind: k,
  participant: p,
  units,
  last,
  disabled,
  onChange,
}: {
  kind: StreamKind;
  participant: Participant;
  units: ParticipantUnit[];
  last: StreamSource | undefined;
  disabled: boolean;
  onChange: (unitId: string | null) => void;
}) {
  const noteId = useId();
  const choice = useConfirmedChoice(p.sources?.[k] ?? '', (v) => onChange(v || null));
  const notes = [last ? `${noteId}-last` : null, choice.pending ? `${noteId}-pending` : null].filter(Boolean).join(' ');
  return (
    <label className="source-row">
      <span className="source-kind">{STREAM_KIND_LABEL[k]}</span>
      <select {...choice.props} disabled={disabled} aria-label={`${STREAM_KIND_LABEL[k]} for ${p.playerName}`} aria-describedby={notes || undefined}>
        <option value="">Automatic: {STREAM_DEFAULT_SHORT[k]}</option>
        {units.map((u) => (
          <option key={u.unitId} value={u.unitId}>
            {u.deviceId}
          </option>
        ))}
      </select>
      {choice.pending && (
        <small className="source-pending" id={`${noteId}-pending`}>
          Not saved yet: Enter or leaving the list saves it, Escape goes back
        </small>
      )}
      {last && (
        <small className="source-used" id={`${noteId}-last`}>
          Last processed from <span className="mono">{last.deviceId}</span> ({last.how === 'chosen' ? 'chosen' : last.why})
        </small>
      )}
    </label>
  );
}
