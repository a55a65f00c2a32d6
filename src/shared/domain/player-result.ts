/**
 * What the engine returns for one player: metrics for the session and each period, the unit's
 * data-quality summary (what each cleaning step changed), warnings, and compact chart series.
 * Plain JSON: stored in SQLite, sent to the UI, embedded in the report.
 */
import type { MetricMoments, MetricValues } from './metrics.ts';

/** A named time range of a session (warm-up, drill A, first half...). Half-open: [startMs, endMs). */
export interface PeriodWindow {
  id: string;
  name: string;
  startMs: number;
  endMs: number;
}

export interface PeriodResult extends PeriodWindow {
  metrics: MetricValues;
  /** When the period's maxima and peaks happened (empty for results computed before they were kept). */
  moments: MetricMoments;
  /** Share of the period covered by the unit's cleaned data (0..1), gaps excluded. */
  coverage: number;
  warnings: string[];
}

/** What one cleaning step did, in its own words and counts. */
export interface ProcessorReport {
  id: string;
  label: string;
  /** The rule as applied, with its thresholds ("drop fixes with HDOP > 2 or < 6 satellites"). */
  rule: string;
  changes: Record<string, number>;
  summary: string;
}

/** At most this many gaps are listed per unit (a unit that lost its signal every few seconds lists its first ones). */
export const GAP_LIST_MAX = 200;

export interface GnssQuality {
  /** Fixes in the window as read from the file. */
  fixes: number;
  sampleRateHz: number | null;
  medianSatellites: number | null;
  medianHdop: number | null;
  /** Time from first to last fix in the window, s. */
  spanS: number;
  droppedFixes: number;
  /** The time the dropped fixes stood for (each at most one nominal interval), % of span + one interval. */
  droppedPct: number;
  interpolatedS: number;
  interpolatedPct: number;
  gaps: number;
  gapS: number;
  /**
   * The gaps left, one by one in time order (the first GAP_LIST_MAX when there are more; `gaps`
   * counts them all): the last usable fix before each, and how long until the next. Absent in
   * results before 0.2.3.
   */
  gapList?: { startMs: number; durationS: number }[];
  /** Share of samples whose speed is the unit's Doppler speed (else from positions). */
  dopplerPct: number;
  /**
   * How the unit samples: 'regular' (a fixed interval: a 10 Hz pod, a 1 s watch; long steps are
   * dropouts) or 'smart' (a watch's smart recording: irregular steps by design, not gaps). Absent
   * in results before 0.3.0.
   */
  regime?: 'regular' | 'smart';
  /**
   * The distance the unit's own odometer counted in the window (FIT `distance`, TCX
   * `DistanceMeters`, Catapult `Odometer`), m; null when the file carries none. Shown beside ours;
   * a difference over 2 % is a warning (DEVICE_DISTANCE_DIFFERS). Absent in results before 0.3.0.
   */
  deviceDistanceM?: number | null;
}

export interface DataQuality {
  gnss: GnssQuality | null;
  /**
   * What the accelerometer recorded. outOfRange: samples with an axis beyond the valid range, left
   * out of PlayerLoad (absent in results before 0.2.2); reducedTo100Hz: a faster unit whose
   * PlayerLoad ran on the mean of each 10 ms (absent before 0.2.3).
   */
  imu: { samples: number; sampleRateHz: number | null; spanS: number; gaps: number; gapS: number; outOfRange?: number; reducedTo100Hz?: boolean } | null;
  hr: { samples: number; validPct: number } | null;
  /** The cleaning steps in the order they ran. */
  steps: ProcessorReport[];
}

export interface EngineWarning {
  code: string;
  message: string;
  periodId?: string;
}

/**
 * One effort as the sports scientist traces a count back to it: when it started, how long and how
 * far it went, and its speeds (the smoothed speed at its first and last sample, and its highest).
 */
export interface EffortRecord {
  startMs: number;
  durationS: number;
  distanceM: number;
  startSpeedMs: number;
  endSpeedMs: number;
  maxSpeedMs: number;
  /**
   * Accelerations and decelerations only: the effort's peak acceleration of the smoothed speed,
   * m/s² (a deceleration's is its most negative, e.g. −3.84). Absent on sprints, and on efforts
   * computed before it was kept (processing again adds it; the counts do not change).
   */
  peakAccelMs2?: number;
}

/** The efforts of one acceleration (or deceleration) band: magnitude ≥ thresholdMs2. */
export interface EffortBand {
  thresholdMs2: number;
  efforts: EffortRecord[];
}

/**
 * Every effort behind the effort counts, over the session window, in time order: sprints (the
 * STATSports rule), and accelerations / decelerations per band (a deceleration band of 3 lists
 * efforts ≤ −3 m/s²). A period's counts are the efforts that start inside it.
 */
export interface EffortLists {
  sprints: EffortRecord[];
  accels: EffortBand[];
  decels: EffortBand[];
}

/** Down-sampled series for charts (never the raw samples). null = no data in that bin. */
export interface ChartSeries {
  startMs: number;
  stepS: number;
  speedMs: (number | null)[];
  hrBpm: (number | null)[] | null;
  playerLoad: (number | null)[] | null;
}

export interface PlayerEngineResult {
  algorithmVersion: string;
  metrics: MetricValues;
  /** When the session's maxima and peaks happened (metric keys with `when` in the catalogue). */
  moments: MetricMoments;
  periods: PeriodResult[];
  quality: DataQuality;
  warnings: EngineWarning[];
  series: ChartSeries;
  /** Every effort counted in the metrics (null: no usable GNSS in the window). */
  efforts: EffortLists | null;
}
