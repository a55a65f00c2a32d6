/**
 * Display-unit conversion. Everything is computed and stored in SI (m, m/s); these helpers turn a
 * stored value into what a team chose to read (km/h or m/s; metres or yards) and back.
 * 1 yd = 0.9144 m exactly (international yard, 1959); 1 m/s = 3.6 km/h exactly.
 */
import type { MetricDef, MetricUnit, MetricValues } from './metrics.ts';

export type SpeedUnit = 'km/h' | 'm/s';
export type DistanceUnit = 'm' | 'yd';

export interface DisplayUnits {
  speed: SpeedUnit;
  distance: DistanceUnit;
}

/** The units values are computed and stored in. */
export const SI_UNITS: DisplayUnits = { speed: 'm/s', distance: 'm' };

export const M_PER_YD = 0.9144;
export const KMH_PER_MS = 3.6;

export function speedFromMs(ms: number, unit: SpeedUnit): number {
  return unit === 'km/h' ? ms * KMH_PER_MS : ms;
}

export function speedToMs(v: number, unit: SpeedUnit): number {
  return unit === 'km/h' ? v / KMH_PER_MS : v;
}

export function distanceFromM(m: number, unit: DistanceUnit): number {
  return unit === 'yd' ? m / M_PER_YD : m;
}

export function distanceToM(v: number, unit: DistanceUnit): number {
  return unit === 'yd' ? v * M_PER_YD : v;
}

/** A metric value in the team's display units, with the unit label to show beside it. */
export function toDisplay(
  value: number | null | undefined,
  def: Pick<MetricDef, 'unit'>,
  units: DisplayUnits,
): { value: number | null; unit: string } {
  const unit = displayUnit(def.unit, units);
  if (value == null || !Number.isFinite(value)) return { value: null, unit };
  switch (def.unit) {
    case 'm/s':
      return { value: speedFromMs(value, units.speed), unit };
    case 'm':
    case 'm/min':
      return { value: distanceFromM(value, units.distance), unit };
    default:
      return { value, unit };
  }
}

/**
 * The unit a stored unit is shown in (m/s -> km/h, m -> yd, m/min -> yd/min; durations in s ->
 * minutes and seconds, "92:15", as a match clock reads); others unchanged.
 */
export function displayUnit(unit: MetricUnit, units: DisplayUnits): MetricUnit {
  switch (unit) {
    case 's':
      return 'mm:ss';
    case 'm/s':
      return units.speed;
    case 'm':
      return units.distance;
    case 'm/min':
      return units.distance === 'yd' ? 'yd/min' : 'm/min';
    default:
      return unit;
  }
}

/**
 * A metric definition as shown: its unit label in the display units, with the decimals that suit
 * that unit (speeds read to 0.01 m/s or 0.1 km/h). A definition already in display units is
 * returned unchanged, so converting twice is harmless.
 */
export function displayDef<D extends Pick<MetricDef, 'unit' | 'decimals'>>(def: D, units: DisplayUnits): D {
  const unit = displayUnit(def.unit, units);
  if (unit === def.unit) return def;
  const decimals = def.unit === 'm/s' && unit === 'km/h' ? Math.max(0, def.decimals - 1) : def.decimals;
  return { ...def, unit, decimals };
}

/** One stored (SI) value in display units; null stays null. */
export function displayValue(value: number | null | undefined, def: Pick<MetricDef, 'unit'>, units: DisplayUnits): number | null {
  return toDisplay(value, def, units).value;
}

/** Every value of a row of stored (SI) metrics in display units, by each key's definition. */
export function displayValues(values: MetricValues, defs: readonly Pick<MetricDef, 'key' | 'unit'>[], units: DisplayUnits): MetricValues {
  const out: MetricValues = { ...values };
  for (const d of defs) if (d.key in values) out[d.key] = displayValue(values[d.key], d, units);
  return out;
}
