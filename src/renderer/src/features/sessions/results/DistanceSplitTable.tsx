/**
 * Where each unit's distance came from (METRICS.md, Cleaning: Gaps): measured between the fixes
 * it kept, interpolated across short dropouts, estimated across longer gaps and dropped stretches;
 * its sampling regime; and its own odometer beside ours, marked when they differ by over 2 %.
 * For the whole session or the period shown.
 */
import type { MetricValues } from '../../../../../shared/domain/metrics.ts';
import type { GnssQuality } from '../../../../../shared/domain/player-result.ts';
import { formatNumber } from '../../../../../shared/domain/format.ts';
import { SPLIT_HEADS, SPLIT_TIME_NOTE, deviceDistanceText, samplingText, splitText } from '../../../../../shared/domain/quality-text.ts';

export interface DistanceSplitRow {
  playerId: string;
  name: string;
  deviceId: string;
  metrics: MetricValues;
  gnss: GnssQuality | null | undefined;
}

export function DistanceSplitTable({ rows, period }: { rows: readonly DistanceSplitRow[]; period: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data numeric" aria-label="Distance measured, interpolated and estimated per unit">
        <thead>
          <tr>
            <th scope="col">Player</th>
            <th scope="col">Unit</th>
            <th scope="col">Sampling</th>
            <th scope="col">Distance (m)</th>
            {SPLIT_HEADS.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            <th scope="col">Unit&apos;s odometer{period ? ' (session)' : ''}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const m = r.metrics;
            const odo = deviceDistanceText(r.gnss?.deviceDistanceM, period ? null : m.distance_m);
            return (
              <tr key={r.playerId} data-player={r.playerId}>
                <th scope="row">{r.name}</th>
                <td className="text mono">{r.deviceId}</td>
                <td className="text">{samplingText(r.gnss)}</td>
                <td>{formatNumber(m.distance_m ?? null, 0)}</td>
                <td>{splitText(m.distance_measured_m, m.measured_time_s)}</td>
                <td>{splitText(m.distance_interpolated_m, m.interpolated_time_s)}</td>
                <td>{splitText(m.distance_estimated_m, m.estimated_time_s)}</td>
                <td className={odo?.warn && !period ? 'warn-text' : undefined} title={odo?.warn && !period ? "differs from ours by more than 2 %: see the data warnings" : undefined}>
                  {odo ? (period ? `${formatNumber(r.gnss?.deviceDistanceM ?? null, 0)} m` : odo.text) : '–'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">{SPLIT_TIME_NOTE}</p>
    </div>
  );
}
