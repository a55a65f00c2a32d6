/**
 * Every warning about the results, naming the player and unit: reader problems, engine warnings
 * (no heart rate, HR above HRmax...) and periods a unit's data does not cover.
 */
import type { SessionResults } from '../../../../../shared/api/results.contract.ts';
import { Notice } from '../../../components/Notice.tsx';

export function WarningsList({ results }: { results: SessionResults }) {
  const byId = new Map(results.players.map((p) => [p.playerId, p]));
  const items: { key: string; who: string; text: string }[] = [];
  for (const p of results.players) {
    p.notes.forEach((n, i) => items.push({ key: `${p.playerId}:n${i}`, who: `${p.playerName} (${p.deviceId})`, text: n }));
  }
  for (const per of results.periods) {
    for (const r of per.rows) {
      const p = byId.get(r.playerId);
      r.warnings.forEach((w, i) =>
        items.push({ key: `${per.id}:${r.playerId}:${i}`, who: p ? `${p.playerName} (${p.deviceId})` : r.playerId, text: w }),
      );
    }
  }
  if (items.length === 0) return <p className="muted">No data warnings.</p>;
  return (
    <Notice kind="warning" title={`${items.length} data warning${items.length === 1 ? '' : 's'}`}>
      <ul className="warnings" aria-label="Data warnings">
        {items.map((it) => (
          <li key={it.key}>
            <strong>{it.who}</strong>: {it.text}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
