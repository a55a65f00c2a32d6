/**
 * The metric catalogue: every metric the engine can compute, with its unit, how to show it and
 * how it is computed (with the thresholds of the settings in force). Keys are the stable
 * snake_case names of the CLI JSON and the report; later metrics add keys, never rename them.
 * Full definitions and sources: docs/metrics.md.
 */
import { DEFAULT_SETTINGS, type EngineSettings } from './settings.ts';
import { SI_UNITS, speedFromMs, type DisplayUnits } from './units.ts';
import { formatSpeedThreshold, formatThreshold } from './format.ts';

export type MetricUnit =
  | 's'
  | 'm'
  | 'm/s'
  | 'm/s²'
  | 'au'
  | 'au/min'
  | 'm/min'
  | 'bpm'
  | 'count'
  | 'W/kg'
  | 'J/kg'
  | 'kJ/kg'
  | '%'
  // Display units: what a stored SI value is shown in (units.ts converts; never stored).
  | 'km/h'
  | 'yd'
  | 'yd/min'
  | 'mm:ss';

export type MetricFamily =
  | 'distance'
  | 'velocity_bands'
  | 'sprints'
  | 'accelerations'
  | 'player_load'
  | 'metabolic_power'
  | 'heart_rate'
  | 'peaks';

export interface MetricDef {
  key: string;
  label: string;
  unit: MetricUnit;
  decimals: number;
  /** Sums over players make sense (distance) or not (max speed). */
  additive: boolean;
  /**
   * Splitting a session into periods that cover it, the periods' values sum to the session's
   * (distance, time in a band, efforts by their start). Means, maxima and peaks do not.
   */
  periodAdditive: boolean;
  description: string;
  family: MetricFamily;
  /**
   * The engine also records when the value happened (MetricMoments): at one sample (a maximum)
   * or over a rolling window (a peak period). Absent: a total, a mean or a count.
   */
  when?: 'sample' | 'window';
}

export type MetricValues = Record<string, number | null>;

/**
 * When a maximum or a peak happened, epoch ms: a maximum is the sample that holds it
 * (startMs = endMs), a peak period the rolling window (startMs, endMs] whose end is a sample.
 * The first occurrence when the value is reached more than once.
 */
export interface MetricMoment {
  startMs: number;
  endMs: number;
}

/** By metric key; a key with a null value (or without `when`) has none. */
export type MetricMoments = Record<string, MetricMoment>;

type Def = Omit<MetricDef, 'family'>;

/**
 * Every metric, labelled and described with the given settings' thresholds. Speed thresholds in
 * labels read in the given display units (descriptions give the stored m/s value too); the
 * metrics' own `unit` stays the stored (SI) one: convert values with units.ts.
 */
export function metricCatalogue(s: EngineSettings = DEFAULT_SETTINGS, units: DisplayUnits = SI_UNITS): MetricDef[] {
  const out: MetricDef[] = [];
  /** A speed threshold in the display unit ("19.8 km/h"). */
  const spd = (ms: number) => formatSpeedThreshold(ms, units.speed);
  /** The same with the stored value when it differs ("19.8 km/h (5.5 m/s)"). */
  const spdFull = (ms: number) => (units.speed === 'm/s' ? spd(ms) : `${spd(ms)} (${formatThreshold(ms)} m/s)`);
  const add = (family: MetricFamily, defs: Def[]) => defs.forEach((d) => out.push({ ...d, family }));
  const gap = `a gap is a step longer than ${formatThreshold(s.gaps.maxGapS)} s (or ${s.gaps.maxGapSamples} sample intervals; 30 s for a watch in smart recording, whose irregular steps are its sampling)`;

  add('distance', [
    { key: 'duration_s', label: 'Duration', unit: 's', decimals: 0, additive: true, periodAdditive: true, description: 'Time within the window that the unit was recording (from its first to its last GNSS fix), gaps included.' },
    { key: 'distance_m', label: 'Distance', unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: `Sum of great-circle (haversine) distances between consecutive fixes of the cleaned track (measured, and interpolated across dropouts up to ${formatThreshold(s.gaps.maxGapS)} s), plus the distance estimated across longer gaps and stretches the cleaning dropped (Doppler speed × time where plausible, else the straight line between the fixes on either side). Each part is also given apart.` },
    { key: 'distance_m_per_min', label: 'Distance per minute', unit: 'm/min', decimals: 1, additive: false, periodAdditive: false, description: 'Distance divided by duration in minutes.' },
    { key: 'max_speed_ms', label: 'Max speed', unit: 'm/s', decimals: 2, additive: false, periodAdditive: false, when: 'sample', description: `Highest smoothed speed (${speedSourceText(s)}, ${smoothingText(s)}).` },
    { key: 'distance_measured_m', label: 'Distance measured', unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: 'The part of the distance over the steps between two fixes the unit recorded and the cleaning kept (neither of them interpolated).' },
    { key: 'distance_interpolated_m', label: 'Distance interpolated', unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: `The part of the distance over the steps into or out of a sample filled by linear interpolation across dropouts up to ${formatThreshold(s.gaps.maxGapS)} s (or ${s.gaps.maxGapSamples} sample intervals).` },
    { key: 'distance_estimated_m', label: 'Distance estimated', unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: `The part of the distance estimated across longer gaps and dropped stretches: Doppler speed × time where the unit gave a plausible Doppler speed there (never less than the straight line), else the straight line between the good fixes on either side (a lower bound); and the straight line across a position jump that persisted (the positions froze, then leapt: see the spike removal rule). It counts in band 1 (never in a band above walking), never in HSR, sprints, efforts, metabolic power or peak periods; ${gap}.` },
    { key: 'measured_time_s', label: 'Time of measured steps', unit: 's', decimals: 0, additive: true, periodAdditive: true, description: 'Time of the steps between two kept fixes (neither of them interpolated).' },
    { key: 'interpolated_time_s', label: 'Time of interpolated steps', unit: 's', decimals: 0, additive: true, periodAdditive: true, description: 'Time of the steps into or out of an interpolated sample: the steps the interpolated distance is measured over. One filled sample between two kept fixes makes two such steps, so this is more than the time filled by interpolation (up to about twice it), which the data quality gives as "Time filled by interpolation" and the cleaning summary as the samples interpolated.' },
    { key: 'estimated_time_s', label: 'Time estimated', unit: 's', decimals: 0, additive: true, periodAdditive: true, description: 'Time of the gaps whose distance was estimated.' },
  ]);

  const rel = s.velocityBands.mode === 'relative';
  const e = rel ? s.velocityBands.relativePct : s.velocityBands.absoluteMs;
  const edges = [0, ...e];
  const edgeNum = (i: number) => (rel ? formatThreshold(edges[i]) : formatThreshold(speedFromMs(edges[i], units.speed)));
  const u = rel ? '% of max' : units.speed;
  const bandText = (i: number) => (i < 4 ? `${edgeNum(i)}–${edgeNum(i + 1)} ${u}` : `≥ ${edgeNum(4)} ${u}`);
  const edgeFull = (i: number) => (rel ? `${formatThreshold(edges[i])} % of max` : spdFull(edges[i]));
  const bandNote = rel
    ? 'Band edges are % of the player\'s max speed (their own setting, else this session\'s max).'
    : 'Absolute band edges.';
  const bands: Def[] = [];
  for (let i = 0; i < 5; i++) {
    bands.push({ key: `band${i + 1}_distance_m`, label: `Distance ${bandText(i)}`, unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: `Distance covered while the smoothed speed is in band ${i + 1} (${bandText(i)})${i === 0 ? ', plus the distance estimated across gaps (it has no measured speed, and is never put above walking)' : ''}. ${bandNote}` });
  }
  for (let i = 0; i < 5; i++) {
    bands.push({ key: `band${i + 1}_time_s`, label: `Time ${bandText(i)}`, unit: 's', decimals: 0, additive: true, periodAdditive: true, description: `Time spent in band ${i + 1} (${bandText(i)})${i === 0 ? '; gaps whose distance was estimated count here' : '; gaps excluded'}.` });
  }
  bands.push(
    { key: 'hsr_distance_m', label: 'HSR distance', unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: `High-speed running: distance at ≥ ${edgeFull(3)} (bands 4 and 5; 5.5 m/s = 19.8 km/h by default, Catapult and STATSports).` },
    { key: 'sprint_distance_m', label: 'Sprint distance', unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: `Distance at ≥ ${edgeFull(4)} (band 5; 7 m/s = 25.2 km/h by default).` },
  );
  add('velocity_bands', bands);

  const sp = s.sprint;
  const sprintRule = `entry ≥ ${spdFull(sp.entryMs)} for ${sp.entrySamples} samples, counted if it stays ≥ ${spdFull(sp.exitMs)} for ≥ ${formatThreshold(sp.minDurationS)} s; a dip shorter than ${formatThreshold(sp.maxDipS)} s does not split it (STATSports' rule). An effort belongs to the period it starts in.`;
  add('sprints', [
    { key: 'sprint_efforts', label: 'Sprint efforts', unit: 'count', decimals: 0, additive: true, periodAdditive: true, description: `Number of sprint efforts: ${sprintRule}` },
    { key: 'sprint_effort_distance_m', label: 'Sprint effort distance', unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: 'Distance covered during the sprint efforts, from entry to exit.' },
    { key: 'sprint_effort_max_speed_ms', label: 'Sprint effort top speed', unit: 'm/s', decimals: 2, additive: false, periodAdditive: false, description: 'Highest speed reached in any sprint effort.' },
  ]);

  const ac = s.accel;
  const accDefs: Def[] = [];
  ac.thresholdsMs2.forEach((t, i) => {
    accDefs.push({ key: `accel_efforts_${i + 1}`, label: `Accelerations ≥ ${formatThreshold(t)} m/s²`, unit: 'count', decimals: 0, additive: true, periodAdditive: true, description: `Efforts where the acceleration of the smoothed speed stays ≥ ${formatThreshold(t)} m/s² for ≥ ${formatThreshold(ac.minDurationS)} s (STATSports; 2 m/s² is Catapult's lower band). An effort belongs to the period it starts in.` });
  });
  ac.thresholdsMs2.forEach((t, i) => {
    accDefs.push({ key: `decel_efforts_${i + 1}`, label: `Decelerations ≤ −${formatThreshold(t)} m/s²`, unit: 'count', decimals: 0, additive: true, periodAdditive: true, description: `Efforts where the acceleration stays ≤ −${formatThreshold(t)} m/s² for ≥ ${formatThreshold(ac.minDurationS)} s.` });
  });
  accDefs.push(
    { key: 'max_accel_ms2', label: 'Max acceleration', unit: 'm/s²', decimals: 2, additive: false, periodAdditive: false, when: 'sample', description: 'Highest acceleration of the smoothed speed (backward difference between consecutive samples).' },
    { key: 'max_decel_ms2', label: 'Max deceleration', unit: 'm/s²', decimals: 2, additive: false, periodAdditive: false, when: 'sample', description: 'Most negative acceleration of the smoothed speed.' },
  );
  add('accelerations', accDefs);

  add('player_load', [
    { key: 'player_load', label: 'PlayerLoad (formula)', unit: 'au', decimals: 1, additive: true, periodAdditive: true, description: 'Sum over consecutive 100 Hz accelerometer samples of sqrt(dax² + day² + daz²) in g, divided by 100 (Catapult\'s formula computed by hand; Catapult\'s own values differ by ~15%). A faster unit is first reduced to the mean of each 10 ms; a slower one is summed as recorded, with a note. Steps across an accelerometer gap are skipped.' },
    { key: 'player_load_per_min', label: 'PlayerLoad per minute', unit: 'au/min', decimals: 2, additive: false, periodAdditive: false, description: 'PlayerLoad divided by the accelerometer\'s recording time in the window, in minutes.' },
  ]);

  add('metabolic_power', [
    { key: 'mp_avg_wkg', label: 'Metabolic power (mean)', unit: 'W/kg', decimals: 2, additive: false, periodAdditive: false, description: 'Mean metabolic power: energy divided by the time with data. Model of di Prampero & Osgnach (2018) as in floodlight (equivalent slope ES = a/g + 0.0037 v²/g, equivalent mass EM = sqrt(ES² + 1); running cost (Minetti & Parvei 2018) or walking cost polynomials below the walk-run transition); P = C·v.' },
    { key: 'mp_energy_kjkg', label: 'Metabolic energy', unit: 'kJ/kg', decimals: 2, additive: true, periodAdditive: true, description: 'Sum of metabolic power × time step.' },
    { key: 'hmld_m', label: 'HMLD', unit: 'm', decimals: 0, additive: true, periodAdditive: true, description: `High metabolic load distance: distance covered while metabolic power > ${formatThreshold(s.metabolic.hmldWkg)} W/kg (Catapult).` },
  ]);

  const z = s.hr.zonesPct;
  const zoneText = (i: number) => (i < 4 ? `${formatThreshold(z[i])}–${formatThreshold(z[i + 1])} % HRmax` : `≥ ${formatThreshold(z[4])} % HRmax`);
  const hr: Def[] = [
    { key: 'hr_mean_bpm', label: 'HR mean', unit: 'bpm', decimals: 0, additive: false, periodAdditive: false, description: `Time-weighted mean of the valid heart-rate samples (each counts for half the step before it plus half the step after it, a step longer than the gap limit counting nothing; ${formatThreshold(s.hr.validMinBpm)}–${formatThreshold(s.hr.validMaxBpm)} bpm; 0 means the strap lost contact: missing, not zero). Absent when the unit has no heart rate.` },
    { key: 'hr_max_bpm', label: 'HR max', unit: 'bpm', decimals: 0, additive: false, periodAdditive: false, when: 'sample', description: 'Highest valid heart-rate sample.' },
    { key: 'hr_min_bpm', label: 'HR min', unit: 'bpm', decimals: 0, additive: false, periodAdditive: false, description: 'Lowest valid heart-rate sample.' },
  ];
  for (let i = 0; i < 5; i++) {
    hr.push({ key: `hr_zone${i + 1}_time_s`, label: `Time HR zone ${i + 1}`, unit: 's', decimals: 0, additive: true, periodAdditive: true, description: `Time with heart rate ${zoneText(i)} (HRmax: the player's own setting, else the team's ${formatThreshold(s.hr.maxBpm)} bpm).` });
  }
  hr.push(
    { key: 'trimp_edwards', label: 'Edwards TRIMP', unit: 'au', decimals: 1, additive: true, periodAdditive: true, description: 'Sum over the 5 zones of minutes in the zone × the zone\'s weight 1..5 (Edwards 1993).' },
    { key: 'trimp_banister', label: 'Banister TRIMP', unit: 'au', decimals: 1, additive: true, periodAdditive: false, description: `Minutes with heart rate × HRr × 0.64·e^(k·HRr), HRr = (mean HR − rest)/(HRmax − rest), k = 1.92 men / 1.67 women (Banister 1991; as GoldenCheetah's TRIMPPoints). Rest ${formatThreshold(s.hr.restBpm)} bpm unless the player's own.` },
  );
  add('heart_rate', hr);

  const peaks: Def[] = [];
  const w = s.peaks.windowsS;
  const wl = (x: number) => (x % 60 === 0 ? `${x / 60}-min` : `${x}-s`);
  w.forEach((x, i) => peaks.push({ key: `peak_distance_w${i + 1}_m`, label: `Peak ${wl(x)} distance`, unit: 'm', decimals: 0, additive: false, periodAdditive: false, when: 'window', description: `Highest distance in any rolling ${x} s window ("worst-case scenario"). Absent when the unit's data in the window spans less than ${x} s (gaps inside it count as nothing).` }));
  w.forEach((x, i) => peaks.push({ key: `peak_hsr_w${i + 1}_m`, label: `Peak ${wl(x)} HSR`, unit: 'm', decimals: 0, additive: false, periodAdditive: false, when: 'window', description: `Highest HSR distance in any rolling ${x} s window.` }));
  w.forEach((x, i) => peaks.push({ key: `peak_player_load_w${i + 1}`, label: `Peak ${wl(x)} PlayerLoad`, unit: 'au', decimals: 1, additive: false, periodAdditive: false, when: 'window', description: `Highest PlayerLoad in any rolling ${x} s window.` }));
  add('peaks', peaks);
  return out;
}

function speedSourceText(s: EngineSettings): string {
  return s.speedSource === 'positional' ? 'speed from positions' : 'Doppler speed where the unit gives it, else from positions';
}

function smoothingText(s: EngineSettings): string {
  return `Butterworth order ${s.smoothing.order}, ${formatThreshold(s.smoothing.cutoffHz)} Hz, zero-phase per unbroken stretch`;
}

/** Every metric key, in catalogue order (the same for any settings and display units). */
export const METRIC_KEYS: readonly string[] = metricCatalogue().map((d) => d.key);

/** The metrics of the team table and charts; the rest are in the report's sections. */
export const HEADLINE_KEYS: readonly string[] = [
  'duration_s',
  'distance_m',
  'distance_m_per_min',
  'max_speed_ms',
  'hsr_distance_m',
  'sprint_efforts',
  'accel_efforts_2',
  'decel_efforts_2',
  'player_load',
  'mp_avg_wkg',
  'hr_mean_bpm',
];

export const FAMILY_TITLES: Record<MetricFamily, string> = {
  distance: 'Distance and speed',
  velocity_bands: 'Velocity bands',
  sprints: 'Sprint efforts',
  accelerations: 'Accelerations and decelerations',
  player_load: 'PlayerLoad',
  metabolic_power: 'Metabolic power',
  heart_rate: 'Heart rate',
  peaks: 'Peak periods',
};

export function headlineMetrics(s: EngineSettings = DEFAULT_SETTINGS, units: DisplayUnits = SI_UNITS): MetricDef[] {
  const all = metricCatalogue(s, units);
  return HEADLINE_KEYS.map((k) => all.find((d) => d.key === k)!).filter(Boolean);
}
