/**
 * A unit whose clock is set only once it finds GPS (or is synced) writes its first samples with
 * the clock's power-on value: a FIT file's first records dated 1990, then the real date. Those
 * leading samples no session can hold (sessions run from 2000) are left out, each stream on its
 * own, with a warning that says how many, when they were dated and why; the rest of the file is
 * read as usual. A file dated before 2000 throughout, or mostly (more samples before the clock was
 * set than after), is left whole: the import refuses it, naming it (shared/domain/session.ts
 * dataTimesProblem), and says how to set the clock. Every reader's output goes through here
 * (formats/decode-file.ts decodeBytes, imports/scan-file.ts).
 */
import type { Problem, Recording } from './canonical.ts';
import { SESSION_EARLIEST_MS, utcMinute } from '../../../shared/domain/session.ts';

const KINDS = [
  ['gnss', 'GNSS'],
  ['imu', 'accelerometer'],
  ['hr', 'heart-rate'],
] as const;

export function trimUnsetClock(rec: Recording): Recording {
  let out = rec;
  const problems: Problem[] = [];
  for (const [kind, label] of KINDS) {
    const s = rec[kind];
    if (!s) continue;
    const n = s.t.length;
    let first = 0;
    while (first < n && !(s.t[first] >= SESSION_EARLIEST_MS)) first++;
    // Nothing before 2000, or all of it; or more before the clock was set than after it: then it is
    // not a unit catching up its clock at the start, and the import refuses the file, naming it.
    if (first === 0 || first === n || first > n - first) continue;
    // Every column of the stream has one value per sample: all cut at the same place.
    const cut = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v instanceof Float64Array && v.length === n ? v.subarray(first) : v]));
    out = { ...out, [kind]: cut };
    problems.push({
      severity: 'warning',
      code: 'CLOCK_NOT_SET',
      message: `${first} ${label} sample(s) at the start, dated ${utcMinute(s.t[0])} UTC (before the unit's clock was set), were left out; its data runs from ${utcMinute(s.t[first])} UTC`,
      file: rec.source,
    });
  }
  return problems.length > 0 ? { ...out, problems: [...rec.problems, ...problems] } : rec;
}
