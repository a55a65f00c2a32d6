/**
 * Display-unit conversion. Everything is computed and stored in SI (m, m/s); these helpers turn a
 * stored value into what a team chose to read (km/h or m/s; metres or yards) and back.
 * 1 yd = 0.9144 m exactly (international yard, 1959); 1 m/s = 3.6 km/h exactly.
 */
import type { MetricDef } from './metrics.ts';

export type SpeedUnit = 'km/h' | 'm/s';
export type DistanceUnit = 'm' | 'yd';

export interface DisplayUnits {
  speed: SpeedUnit;
  distance: DistanceUnit;
}

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
  const v = value == null || !Number.isFinite(value) ? null : value;
  switch (def.unit) {
    case 'm/s':
      return { value: v == null ? null : speedFromMs(v, units.speed), unit: units.speed };
    case 'm':
      return { value: v == null ? null : distanceFromM(v, units.distance), unit: units.distance };
    case 'm/min':
      return { value: v == null ? null : distanceFromM(v, units.distance), unit: `${units.distance}/min` };
    default:
      return { value: v, unit: def.unit };
  }
}
