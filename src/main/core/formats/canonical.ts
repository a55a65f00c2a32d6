/**
 * Canonical sample streams: what every reader yields, whatever the source format, so the
 * processing engine never knows where data came from. Columns are typed arrays (one per field),
 * never arrays of row objects: a 90-minute 100 Hz IMU stream is half a million samples.
 *
 * Conventions: time is UTC epoch milliseconds (Float64Array, fractional ms allowed); a value a
 * source did not provide is NaN (never 0); arrays of one stream all have the same length.
 */
export interface GnssStream {
  t: Float64Array;
  lat: Float64Array; // degrees WGS84
  lon: Float64Array; // degrees WGS84
  speed: Float64Array; // m/s, Doppler speed from the unit; NaN where absent
  hdop: Float64Array; // NaN where absent
  sats: Float64Array; // satellites used; NaN where absent
  alt: Float64Array; // metres; NaN where absent
  /**
   * Cumulative distance in metres as the unit itself reported it (FIT `distance`, Catapult
   * `Odometer`, TCX `DistanceMeters`), kept so the device's own figure can be shown beside ours.
   * Absent when the source has none. Lat/lon may be NaN on such sources (a speed/distance sensor
   * without a position, e.g. a FIT record from a foot pod).
   */
  distance?: Float64Array;
}

export interface ImuStream {
  t: Float64Array;
  ax: Float64Array; // g
  ay: Float64Array; // g
  az: Float64Array; // g
}

export interface HrStream {
  t: Float64Array;
  bpm: Float64Array; // NaN where the strap lost contact (sources often write 0)
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** Something a reader noticed: a skipped line, a bad block, a clock fix. Always says where. */
export interface Problem {
  severity: ProblemSeverity;
  code: string;
  message: string;
  file: string;
  line?: number;
  offset?: number;
  /** How many times it happened, when a reader aggregates repeats. */
  count?: number;
}

export interface Recording {
  /** Registry id of the reader that decoded it. */
  format: string;
  /** File name (not path) the recording came from, for messages. */
  source: string;
  /** The unit's own identifier when the file carries one. */
  unitId: string | null;
  gnss: GnssStream | null;
  imu: ImuStream | null;
  hr: HrStream | null;
  problems: Problem[];
  /** What the file says about the unit and what the unit computed itself, when it says anything. */
  device?: DeviceReport;
}

/**
 * Totals a device computed itself (a FIT session or lap, a TCX lap), in SI units. Shown beside
 * the app's own figures so a sports scientist can trace a difference; never used as input.
 */
export interface DeviceTotals {
  startMs: number | null;
  durationS?: number; // elapsed (wall-clock) time
  timerS?: number; // moving/timer time when the device distinguishes it
  distanceM?: number;
  avgSpeedMs?: number;
  maxSpeedMs?: number;
  calories?: number;
  avgHr?: number;
  maxHr?: number;
  minHr?: number;
  ascentM?: number;
  descentM?: number;
  steps?: number;
  /** The vendor's own PlayerLoad (Catapult), for comparison with ours. */
  playerLoad?: number;
  sport?: string;
}

export interface DeviceReport {
  /** Facts from the file: manufacturer, product, serial, firmware, creator... (display strings). */
  info: Record<string, string>;
  sessions: DeviceTotals[];
  laps: DeviceTotals[];
  /** Message or record counts by type where the format has them (FIT: every data message). */
  counts: Record<string, number>;
}

/**
 * out[i] = raw[i] where the strap had contact, NaN elsewhere (sources write 0 for "no contact");
 * returns how many had contact. `out` may be `raw`. (A loop by itself: see processing/engine.ts.)
 */
export function strapBpm(raw: Float64Array, out: Float64Array, n: number): number {
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    // 0 (and anything non-physiological) means the strap lost contact: missing, not zero.
    if (v > 0) {
      out[i] = v;
      valid++;
    } else out[i] = NaN;
  }
  return valid;
}

export function emptyGnss(n = 0): GnssStream {
  return {
    t: new Float64Array(n),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    speed: new Float64Array(n).fill(NaN),
    hdop: new Float64Array(n).fill(NaN),
    sats: new Float64Array(n).fill(NaN),
    alt: new Float64Array(n).fill(NaN),
  };
}
