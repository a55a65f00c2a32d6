/** The data-quality summary per unit (Malone et al. 2017): what was measured and what cleaning changed. */
import type { PlayerResultRow } from '../../../../../shared/api/results.contract.ts';
import { formatNumber } from '../../../../../shared/domain/format.ts';
import { QUALITY_INTERPOLATION_NOTE, imuRateText, rateHzText } from '../../../../../shared/domain/quality-text.ts';

export function QualityTable({ players }: { players: readonly PlayerResultRow[] }) {
  const n = (v: number | null | undefined, d: number) => formatNumber(v ?? null, d);
  return (
    <div className="table-scroll">
      <table className="data numeric" aria-label="Data quality per unit">
        <thead>
          <tr>
            <th scope="col">Player</th>
            <th scope="col">Unit</th>
            <th scope="col">GNSS rate (Hz)</th>
            <th scope="col">Median satellites</th>
            <th scope="col">Median HDOP</th>
            <th scope="col">Time dropped (%)</th>
            <th scope="col">Time filled by interpolation (%)</th>
            <th scope="col">Gaps left</th>
            <th scope="col">Gap time (s)</th>
            <th scope="col">Doppler speed (%)</th>
            <th scope="col">IMU rate (Hz)</th>
            <th scope="col">HR valid (%)</th>
          </tr>
        </thead>
        <tbody>
          {players.map((p) => {
            const g = p.quality?.gnss;
            return (
              <tr key={p.playerId} data-player={p.playerId}>
                <th scope="row">{p.playerName}</th>
                <td className="text mono">{p.deviceId}</td>
                <td>{rateHzText(g?.sampleRateHz)}</td>
                <td>{n(g?.medianSatellites, 0)}</td>
                <td>{n(g?.medianHdop, 1)}</td>
                <td>{n(g?.droppedPct, 1)}</td>
                <td>{n(g?.interpolatedPct, 1)}</td>
                <td>{n(g?.gaps, 0)}</td>
                <td>{n(g?.gapS, 1)}</td>
                <td>{n(g?.dopplerPct, 0)}</td>
                <td>{imuRateText(p.quality?.imu)}</td>
                <td>{n(p.quality?.hr?.validPct, 1)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">{QUALITY_INTERPOLATION_NOTE}</p>
    </div>
  );
}
