import type { FileFinding } from '../../../../../shared/api/imports.contract.ts';
import type { Player } from '../../../../../shared/domain/roster.ts';
import { windowOverlap } from '../../../../../shared/domain/window-overlap.ts';
import { LocalClockControl } from './LocalClockControl.tsx';
import { PlayerPicker } from './PlayerPicker.tsx';
import { ProblemList } from './ProblemList.tsx';
import { formatBytes } from '../../../lib/format.ts';
import { overlapText, problemsSummary, rangeText, streamsText } from './finding-text.ts';
import { DEVICE_ID_RE, type Choice, type FilePlan } from './import-plan.ts';

const UNIT_SOURCE: Record<NonNullable<FileFinding['unitSource']>, string> = {
  file: 'from the file',
  layout: 'from meta.csv',
  folder: 'from its folder',
  name: 'from the file name',
};

export interface FindingRowProps {
  finding: FileFinding;
  plan: FilePlan | undefined;
  choice: Choice;
  players: Player[];
  window: { startMs: number; endMs: number };
  localZone: string;
  busy: boolean;
  onPlan: (p: FilePlan) => void;
  onChoice: (deviceId: string, c: Choice) => void;
  onRescan: (opts: { timeZone?: string; ignoreChecksums?: boolean }) => void;
  /** The row above is the same unit: its player choice applies here too. */
  sameUnitAsAbove: boolean;
}

export function FindingRow({ finding: f, plan, choice, players, window, localZone, busy, sameUnitAsAbove, onPlan, onChoice, onRescan }: FindingRowProps) {
  const include = plan?.include ?? false;
  const deviceId = plan?.deviceId ?? f.unitId ?? '';
  const overlap = windowOverlap(f.firstMs, f.lastMs, window.startMs, window.endMs);
  const editableUnit = f.unitSource !== 'file' && f.unitSource !== 'layout';
  const readable = !f.error;
  const rates = streamsText(f);
  const details = f.error !== null || f.problems.length > 0 || (f.localClock && readable) || f.canIgnoreChecksums;
  const status = f.error ? '✖ Cannot be read' : f.problems.some((p) => p.severity !== 'info') ? `⚠ ${problemsSummary(f)}` : f.problems.length > 0 ? `ℹ ${problemsSummary(f)}` : '✔ No problems';
  return (
    <>
      <tr data-file={f.sourceName} data-format={f.format?.id ?? ''} className={`${include ? 'included' : 'excluded'}${details ? ' has-details' : ''}`}>
        <td className="center" rowSpan={details ? 2 : 1}>
          <input
            type="checkbox"
            className="big-check"
            aria-label={`Import ${f.sourceName}`}
            checked={include}
            disabled={!readable || busy}
            onChange={(e) => onPlan({ include: e.target.checked, deviceId })}
          />
        </td>
        <td>
          <div className="mono file-name">{f.sourceName.slice(f.sourceName.lastIndexOf('/') + 1)}</div>
          {f.sourceName.includes('/') && <div className="mono muted small file-folder">in {f.sourceName.slice(0, f.sourceName.lastIndexOf('/'))}/</div>}
          <div className="muted small">
            {f.format ? f.format.label : 'Unknown format'} · {formatBytes(f.size)}
          </div>
          {f.alreadyImported && (
            <div className="tag-line">
              <span className="tag">= Already imported</span> as {f.alreadyImported.deviceId} / {f.alreadyImported.sourceName}
            </div>
          )}
        </td>
        <td>
          {readable ? (
            <>
              {editableUnit ? (
                <input
                  className="unit-input mono"
                  aria-label={`Unit id for ${f.sourceName}`}
                  title={deviceId}
                  value={deviceId}
                  maxLength={64}
                  disabled={busy}
                  aria-invalid={deviceId !== '' && !DEVICE_ID_RE.test(deviceId)}
                  onChange={(e) => onPlan({ include, deviceId: e.target.value })}
                />
              ) : (
                <span className="mono">{deviceId}</span>
              )}
              <div className="muted small">
                {f.unitSource ? UNIT_SOURCE[f.unitSource] : 'no unit id'}
                {f.knownUnit ? (f.knownUnit.label ? ` · ${f.knownUnit.label}` : ' · in the roster') : ''}
              </div>
              {!f.knownUnit && <span className="tag">new unit</span>}
            </>
          ) : (
            '—'
          )}
        </td>
        <td>
          {!readable ? (
            '—'
          ) : sameUnitAsAbove ? (
            <span className="muted">↑ same unit as above</span>
          ) : (
            <PlayerPicker deviceId={deviceId} choice={choice} players={players} disabled={busy} ask={f.ask} onChange={(c) => onChoice(deviceId, c)} />
          )}
        </td>
        <td>{rangeText(f.firstMs, f.lastMs)}</td>
        <td>
          {overlapText(overlap)}
          {overlap && overlap.seconds === 0 && <div className="warn-text small">Outside the session window</div>}
        </td>
        <td>
          {rates.map((s) => (
            <div key={s}>{s}</div>
          ))}
          {readable && rates.length === 0 && '—'}
        </td>
        <td className={f.error ? 'status-error' : undefined}>{status}</td>
      </tr>
      {details && (
        <tr className={`details-row ${include ? 'included' : 'excluded'}`} data-details-for={f.sourceName}>
          <td colSpan={7}>
            <ProblemList finding={f} />
            {f.canIgnoreChecksums && (
              <div className="accept-damaged">
                <span>The file is damaged. Click Read anyway to read its complete messages; the damage then stays with the file as a warning.</span>
                <button type="button" disabled={busy} onClick={() => onRescan({ ignoreChecksums: true })}>
                  Read anyway (ignore checksum)
                </button>
              </div>
            )}
            {f.options.ignoreChecksums && (
              <div className="tag-line">
                <span className="tag">Checksum ignored</span> at your request
              </div>
            )}
            {f.localClock && readable && (
              <LocalClockControl sourceName={f.sourceName} zone={f.options.timeZone} localZone={localZone} disabled={busy} onApply={(timeZone) => onRescan({ timeZone })} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}
