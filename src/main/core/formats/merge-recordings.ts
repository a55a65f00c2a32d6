/**
 * One unit's data can come in several files (gps.csv + imu.csv, or a day split over two
 * recordings). Merge them into one Recording: each stream concatenated in time order, repeated
 * times kept once (first file wins), problems kept from every file.
 */
import type { GnssStream, HrStream, ImuStream, Recording } from './canonical.ts';
import { f64Uninit } from '../util/scratch.ts';

type Stream = GnssStream | ImuStream | HrStream;

export function mergeRecordings(recs: Recording[]): Recording {
  if (recs.length === 1) return recs[0];
  return {
    format: [...new Set(recs.map((r) => r.format))].join('+'),
    source: recs.map((r) => r.source).join(', '),
    unitId: recs.find((r) => r.unitId)?.unitId ?? null,
    gnss: mergeStreams(recs.map((r) => r.gnss)),
    imu: mergeStreams(recs.map((r) => r.imu)),
    hr: mergeStreams(recs.map((r) => r.hr)),
    problems: recs.flatMap((r) => r.problems),
  };
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
