/**
 * Display units apply at once: they change how values are shown (app and new reports), never a
 * stored number or the settings results are computed with, so no result becomes stale.
 */
import { useEffect, useState } from 'react';
import type { DisplayUnits } from '../../../../shared/domain/units.ts';

const SPEEDS: { value: DisplayUnits['speed']; label: string }[] = [
  { value: 'km/h', label: 'km/h' },
  { value: 'm/s', label: 'm/s' },
];
const DISTANCES: { value: DisplayUnits['distance']; label: string }[] = [
  { value: 'm', label: 'metres (m)' },
  { value: 'yd', label: 'yards (yd)' },
];

export function DisplayUnitsForm({ units, busy, onChange }: { units: DisplayUnits; busy: boolean; onChange: (u: DisplayUnits) => void }) {
  // Shown at once; the stored value follows when the core has saved it.
  const [shown, setShown] = useState(units);
  useEffect(() => setShown(units), [units]);
  const pick = (u: DisplayUnits) => {
    setShown(u);
    onChange(u);
  };
  return (
    <section aria-labelledby="display-h">
      <h2 id="display-h">Display units</h2>
      <p className="muted">
        Applied at once, in the app and in reports written from now on. Values are always computed and stored in m/s and
        metres (1 m/s = 3.6 km/h, 1 yd = 0.9144 m), so changing units never changes a result.
      </p>
      <div className="choice-groups">
        <fieldset className="choice-row" aria-busy={busy}>
          <legend>Speed</legend>
          {SPEEDS.map((o) => (
            <label key={o.value} className="choice">
              <input type="radio" name="display-speed" value={o.value} checked={shown.speed === o.value} onChange={() => pick({ ...shown, speed: o.value })} />
              {o.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-row" aria-busy={busy}>
          <legend>Distance</legend>
          {DISTANCES.map((o) => (
            <label key={o.value} className="choice">
              <input
                type="radio"
                name="display-distance"
                value={o.value}
                checked={shown.distance === o.value}
                onChange={() => pick({ ...shown, distance: o.value })}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      </div>
    </section>
  );
}
