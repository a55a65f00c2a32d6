/**
 * The metric catalogue: every metric the engine can compute, with its unit and how to show it.
 * Keys are the stable snake_case names of the CLI JSON and the report; later metrics add keys,
 * never rename them.
 */
export type MetricUnit = 's' | 'm' | 'm/s' | 'au' | 'm/min' | 'bpm' | 'count' | 'W/kg' | 'J/kg' | '%';

export interface MetricDef {
  key: string;
  label: string;
  unit: MetricUnit;
  decimals: number;
  /** Sums over players/periods make sense (distance) or not (max speed). */
  additive: boolean;
  description: string;
}

export const BASIC_METRICS: readonly MetricDef[] = [
  {
    key: 'duration_s',
    label: 'Duration',
    unit: 's',
    decimals: 0,
    additive: true,
    description: 'Time from the first to the last GNSS fix inside the session window.',
  },
  {
    key: 'distance_m',
    label: 'Distance',
    unit: 'm',
    decimals: 0,
    additive: true,
    description: 'Sum of great-circle (haversine) distances between consecutive fixes, steps over a gap longer than 2 s excluded.',
  },
  {
    key: 'max_speed_ms',
    label: 'Max speed',
    unit: 'm/s',
    decimals: 2,
    additive: false,
    description: 'Highest Doppler speed reported by the unit.',
  },
  {
    key: 'hsr_distance_m',
    label: 'HSR distance',
    unit: 'm',
    decimals: 0,
    additive: true,
    description: 'Distance covered while speed >= 5.5 m/s (19.8 km/h).',
  },
  {
    key: 'player_load',
    label: 'PlayerLoad (formula)',
    unit: 'au',
    decimals: 1,
    additive: true,
    description:
      'Sum over consecutive 100 Hz samples of sqrt(dax² + day² + daz²) in g, divided by 100 (Catapult formula; vendor values differ).',
  },
];

export type MetricValues = Record<string, number | null>;
