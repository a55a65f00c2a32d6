import { useMemo, useState } from 'react';

/** All IANA zones the runtime knows, the laptop's first. */
function zones(local: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [local, 'UTC', ...all.filter((z) => z !== local && z !== 'UTC')];
}

/**
 * A unit whose clock runs on local time (Catapult raw, Axivity formatted times): which zone it ran
 * in. Changing it reads the file again; the zone is stored with the file.
 */
export function LocalClockControl({
  sourceName,
  zone,
  localZone,
  disabled,
  onApply,
}: {
  sourceName: string;
  zone: string | undefined;
  localZone: string;
  disabled?: boolean;
  onApply: (zone: string) => void;
}) {
  const options = useMemo(() => zones(localZone), [localZone]);
  const [value, setValue] = useState(zone ?? 'UTC');
  return (
    <div className="local-clock">
      <span>
        Clock: this unit records local time, read here as <strong>{zone ?? 'UTC'}</strong>. If it ran in another zone, choose it:
      </span>
      <span className="inline">
        <select aria-label={`Time zone of ${sourceName}`} value={value} onChange={(e) => setValue(e.target.value)} disabled={disabled}>
          {options.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        <button type="button" disabled={disabled || value === (zone ?? 'UTC')} onClick={() => onApply(value)}>
          Read in this zone
        </button>
      </span>
    </div>
  );
}
