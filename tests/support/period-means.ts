/**
 * The periods chart's numbers worked out by hand from stored per-period metrics (not through
 * shared/domain/team-view.ts): for each measure, each period's team mean over the players with
 * data in it (coverage > 0) of their value per minute of their own time in the period, rounded as
 * the chart labels it (m/min and HSR m/min to 0.1, au/min to 0.01, as the period tables' team means; metres: the default units),
 * and the period with the highest (the first, on a tie).
 */
type Metrics = Record<string, number | null | undefined>;

const perMin = (v: number | null | undefined, durationS: number | null | undefined) => (v == null || !durationS ? null : v / (durationS / 60));

export const PERIOD_MEASURES = [
  { key: 'distancePerMin', title: 'Distance per minute', digits: 1, of: (m: Metrics) => m.distance_m_per_min ?? perMin(m.distance_m, m.duration_s) },
  { key: 'hsrPerMin', title: 'HSR per minute', digits: 1, of: (m: Metrics) => perMin(m.hsr_distance_m, m.duration_s) },
  { key: 'playerLoadPerMin', title: 'PlayerLoad per minute', digits: 2, of: (m: Metrics) => m.player_load_per_min ?? perMin(m.player_load, m.duration_s) },
] as const;

export interface MeasureByPeriod {
  key: (typeof PERIOD_MEASURES)[number]['key'];
  title: string;
  /** Decimals the chart writes the values with. */
  digits: number;
  /** Per period, in the order given; null: no player has a value. */
  values: (number | null)[];
  /** The period with the highest value (null: none has one). */
  highest: string | null;
}

export function periodMeans(periods: readonly { name: string; rows: readonly { metrics: Metrics; coverage: number }[] }[]): MeasureByPeriod[] {
  return PERIOD_MEASURES.map((c) => {
    const values = periods.map((p) => {
      const vs = p.rows.filter((r) => r.coverage > 0).map((r) => c.of(r.metrics)).filter((v): v is number => v != null);
      return vs.length ? Number((vs.reduce((a, v) => a + v, 0) / vs.length).toFixed(c.digits)) : null;
    });
    let best = -1;
    values.forEach((v, i) => {
      if (v != null && (best < 0 || v > values[best]!)) best = i;
    });
    return { key: c.key, title: c.title, digits: c.digits, values, highest: best < 0 ? null : periods[best].name };
  });
}
