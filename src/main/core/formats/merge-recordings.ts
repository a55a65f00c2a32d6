/**
 * One unit's data can come in several files (gps.csv + imu.csv, or a day split over two
 * recordings). Merge them into one Recording: each stream concatenated in time order, repeated
 * times kept once (first file wins), problems kept from every file. Two files holding the same
 * kind of data over the same time (the same activity exported as FIT and as GPX, or a recording
 * imported twice under two names) get a warning naming both and the stretch.
 */
import type { GnssStream, HrStream, ImuStream, Problem, Recording } from './canonical.ts';
import { f64Uninit } from '../util/scratch.ts';

type Stream = GnssStream | ImuStream | HrStream;

const KINDS = [
  ['gnss', 'GNSS'],
  ['imu', 'accelerometer'],
  ['hr', 'heart-rate'],
] as const;

export function mergeRecordings(recs: Recording[]): Recording {
  if (recs.length === 1) return recs[0];
  return {
    format: [...new Set(recs.map((r) => r.format))].join('+'),
    source: recs.map((r) => r.source).join(', '),
    unitId: recs.find((r) => r.unitId)?.unitId ?? null,
    gnss: mergeStreams(recs.map((r) => r.gnss)),
    imu: mergeStreams(recs.map((r) => r.imu)),
    hr: mergeStreams(recs.map((r) => r.hr)),
    problems: [...recs.flatMap((r) => r.problems), ...overlaps(recs)],
  };
}

/** A warning for each two files with the same kind of data over a common stretch of time. */
function overlaps(recs: Recording[]): Problem[] {
  const out: Problem[] = [];
  for (const [key, what] of KINDS) {
    for (let i = 0; i < recs.length; i++) {
      for (let j = i + 1; j < recs.length; j++) {
        const a = recs[i][key];
        const b = recs[j][key];
        if (!a || !b || a.t.length === 0 || b.t.length === 0) continue;
        const lo = Math.max(a.t[0], b.t[0]);
        const hi = Math.min(a.t[a.t.length - 1], b.t[b.t.length - 1]);
        if (!(hi > lo)) continue;
        const iso = (ms: number) => new Date(ms).toISOString().slice(11, 19);
        out.push({
          severity: 'warning',
          code: 'FILES_OVERLAP',
          message: `${recs[i].source} and ${recs[j].source} both hold ${what} data from ${iso(lo)} to ${iso(hi)} UTC (${((hi - lo) / 1000).toFixed(1)} s): where both have a sample at the same time the first file's is used, the others are merged in time order; if they are one recording twice (e.g. a FIT and a GPX export of one activity), import only one`,
          file: recs[j].source,
        });
      }
    }
  }
  return out;
}

function mergeStreams<S extends Stream>(parts: (S | null)[]): S | null {
  const present = parts.filter((p): p is S => p !== null && p.t.length > 0);
  if (present.length === 0) return null;
  // Files in order, so on a tie the merged earlier files win.
  return present.reduce((acc, next) => merge2(acc, next));
}

// Each part's times strictly increase (the readers see to it): a two-pointer merge orders them.
const TAKE_B = 0;
const TAKE_A = 1;
/** a's sample, and b's at the same time is dropped */
const TAKE_A_DROP_B = 2;

/** The two streams' samples in time order; a time both have is a's sample. Columns are a's. */
function merge2<S extends Stream>(a: S, b: S): S {
  const take = new Uint8Array(a.t.length + b.t.length);
  const n = mergeOrder(a.t, b.t, take);
  const out = {} as Record<string, Float64Array>;
  for (const key of Object.keys(a) as (keyof S & string)[]) {
    const col = f64Uninit(n); // written for every sample
    gather(take, n, a[key] as Float64Array, (b[key] as Float64Array | undefined) ?? null, col);
    out[key] = col;
  }
  return out as unknown as S;
}

/** take[k]: where the k-th merged sample comes from; returns how many. (A loop by itself: see processing/engine.ts.) */
function mergeOrder(ta: Float64Array, tb: Float64Array, take: Uint8Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < ta.length && j < tb.length) {
    const x = ta[i];
    const y = tb[j];
    if (x < y) {
      take[n++] = TAKE_A;
      i++;
    } else if (y < x) {
      take[n++] = TAKE_B;
      j++;
    } else {
      take[n++] = TAKE_A_DROP_B;
      i++;
      j++;
    }
  }
  while (i++ < ta.length) take[n++] = TAKE_A;
  while (j++ < tb.length) take[n++] = TAKE_B;
  return n;
}

/** out[k] = the k-th merged sample of a column (NaN where b lacks the column). (A loop by itself.) */
function gather(take: Uint8Array, n: number, ca: Float64Array, cb: Float64Array | null, out: Float64Array): void {
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const s = take[k];
    if (s === TAKE_B) out[k] = cb === null ? NaN : cb[j++];
    else {
      out[k] = ca[i++];
      if (s === TAKE_A_DROP_B) j++;
    }
  }
}
