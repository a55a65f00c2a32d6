/** Each unit's GNSS gaps, one by one, under the data-quality table (times in the laptop's zone). */
import type { PlayerResultRow } from '../../../../../shared/api/results.contract.ts';
import { gapListText } from '../../../../../shared/domain/quality-text.ts';

export function GapsList({ players }: { players: readonly PlayerResultRow[] }) {
  const items = players.map((p) => ({ p, text: gapListText(p.quality?.gnss) })).filter((x) => x.text !== null);
  if (items.length === 0) return null;
  return (
    <details className="definitions gaps-list">
      <summary>Gaps left, one by one ({items.length} unit{items.length === 1 ? '' : 's'})</summary>
      <p className="muted">When each unit had no usable fix for longer than the gap limit (no speed or effort across it; its distance estimated where plausible, see above): the last fix before it, and for how long.</p>
      <ul aria-label="Gaps left per unit">
        {items.map(({ p, text }) => (
          <li key={p.playerId} data-player={p.playerId}>
            <strong>
              {p.playerName} ({p.deviceId})
            </strong>
            : {text}
          </li>
        ))}
      </ul>
    </details>
  );
}
