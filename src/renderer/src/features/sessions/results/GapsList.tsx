/**
 * Each unit's GNSS gaps, one by one, under the data-quality table (times in the laptop's zone).
 * The list is written when opened: 25 units can hold thousands of gaps, and formatting them all
 * with the results took ~0.1 s of the window's main thread.
 */
import { useState } from 'react';
import type { PlayerResultRow } from '../../../../../shared/api/results.contract.ts';
import { gapListText } from '../../../../../shared/domain/quality-text.ts';

export function GapsList({ players }: { players: readonly PlayerResultRow[] }) {
  const [open, setOpen] = useState(false);
  // The units gapListText has a text for (checked without formatting it).
  const withGaps = players.filter((p) => p.quality?.gnss?.gapList && p.quality.gnss.gaps > 0);
  if (withGaps.length === 0) return null;
  return (
    <details className="definitions gaps-list" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Gaps left, one by one ({withGaps.length} unit{withGaps.length === 1 ? '' : 's'})</summary>
      <p className="muted">When each unit had no usable fix for longer than the gap limit (no speed or effort across it; its distance estimated where plausible, see above): the last fix before it, and for how long.</p>
      {open && (
        <ul aria-label="Gaps left per unit">
          {withGaps.map((p) => (
            <li key={p.playerId} data-player={p.playerId}>
              <strong>
                {p.playerName} ({p.deviceId})
              </strong>
              : {gapListText(p.quality?.gnss)}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
