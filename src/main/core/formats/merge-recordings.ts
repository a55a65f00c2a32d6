/**
 * One unit's data can come in several files (gps.csv + imu.csv, or a day split over two
 * recordings). Merge them into one Recording: each stream concatenated in time order, repeated
 * times kept once (first file wins), problems kept from every file.
 */
import type { GnssStream, HrStream, ImuStream, Recording } from './canonical.ts';

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
  if (present.length === 1) return present[0];
  const keys = Object.keys(present[0]) as (keyof S & string)[];
  // Order of all samples by time; stable, so the earlier file wins a tie.
  const refs: [number, number][] = [];
  present.forEach((p, i) => p.t.forEach((_, j) => refs.push([i, j])));
  refs.sort((a, b) => present[a[0]].t[a[1]] - present[b[0]].t[b[1]] || a[0] - b[0]);
  const kept = refs.filter((r, k) => k === 0 || present[r[0]].t[r[1]] !== present[refs[k - 1][0]].t[refs[k - 1][1]]);
  const out = {} as Record<string, Float64Array>;
  for (const key of keys) {
    const col = new Float64Array(kept.length);
    kept.forEach(([i, j], k) => {
      col[k] = (present[i][key] as Float64Array)[j];
    });
    out[key] = col;
  }
  return out as unknown as S;
}
