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

export function streamLength(s: { t: Float64Array }): number {
  return s.t.length;
}
