/**
 * Real device files from ../shared/data (read in place, never copied), damaged at random the way a
 * flaky cable, a full card or a careless edit damages them — bytes flipped, a stretch cut out or
 * doubled, random bytes spliced in, the file cut short — then read by the format registry and,
 * when a reader still gives a recording, processed over its whole span with periods.
 *
 * A damaged file may fail, but only with a FormatError naming the file; what is read must never
 * make the engine throw or give a metric that is not null or finite. The reader fuzz
 * (tests/unit/formats/fuzz.test.ts) does this for readers alone on small seeds, the engine fuzz
 * (engine-robustness.test.ts) for the engine alone on synthetic streams; this is both together on
 * files real devices wrote.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';
import { decodeBytes } from '../../../src/main/core/formats/decode-file.ts';
import { FormatError } from '../../../src/main/core/formats/format-error.ts';
import type { Recording } from '../../../src/main/core/formats/canonical.ts';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';
import { FUZZ_REPLAY, FUZZ_RUNS } from './arbitraries.ts';

const skip = HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`;

/** One file of each kind of device: [folder, file, reader options]. */
const FILES: [string, string, { timeZone?: string; ignoreChecksums?: boolean }][] = [
  ['tcx-tcxparser', 'test.tcx', {}],
  ['fit-fitparse', 'garmin-fenix-5-run.fit', {}],
  // Read anyway past a failed checksum (as the import offers once the error was seen): the damage
  // reaches the FIT decoder instead of stopping at the CRC.
  ['fit-fitparse', 'garmin-edge-500-activity.fit', { ignoreChecksums: true }],
  ['gpx-gpxpy', 'korita-zbevnica.gpx', {}],
  ['nmea-gpsd', 'GPSmap-76S.log', {}],
  ['catapult-10hz-ssg', 'U18_ID2.csv', { timeZone: 'Europe/Lisbon' }],
  ['imu-ggir', 'ax3_testfile_unix_timestamps.csv', {}],
];

type Damage =
  | { kind: 'flip'; at: number[]; bit: number[] }
  | { kind: 'cut'; at: number; len: number }
  | { kind: 'double'; at: number; len: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number };

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 16 }), bit: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 16, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4000 }) }),
  fc.record({ kind: fc.constant('double' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4000 }) }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function damage(src: Uint8Array, d: Damage): Uint8Array {
  const n = src.length;
  switch (d.kind) {
    case 'flip': {
      const out = src.slice();
      d.at.forEach((a, i) => (out[a % n] ^= 1 << d.bit[i]));
      return out;
    }
    case 'cut': {
      const a = d.at % n;
      return Uint8Array.from([...src.subarray(0, a), ...src.subarray(Math.min(n, a + d.len))]);
    }
    case 'double': {
      const a = d.at % n;
      const piece = src.subarray(a, Math.min(n, a + d.len));
      const out = new Uint8Array(n + piece.length);
      out.set(src.subarray(0, a + piece.length), 0);
      out.set(piece, a + piece.length);
      out.set(src.subarray(a + piece.length), a + 2 * piece.length);
      return out;
    }
    case 'splice': {
      const a = d.at % n;
      const out = new Uint8Array(n + d.bytes.length);
      out.set(src.subarray(0, a), 0);
      out.set(d.bytes, a);
      out.set(src.subarray(a), a + d.bytes.length);
      return out;
    }
    case 'truncate':
      return src.subarray(0, d.at % n);
  }
}

/** The span of whatever the recording has, for the session window. */
function span(rec: Recording): { startMs: number; endMs: number } | null {
  const ts = [rec.gnss?.t, rec.imu?.t, rec.hr?.t].filter((t): t is Float64Array => !!t && t.length > 0);
  if (ts.length === 0) return null;
  return { startMs: Math.min(...ts.map((t) => t[0])), endMs: Math.max(...ts.map((t) => t[t.length - 1])) + 1 };
}

describe.skipIf(!HAS_SHARED_DATA)(`real device files, damaged, through the readers and the engine${skip}`, () => {
  for (const [folder, file, options] of FILES) {
    it(`${folder}/${file}: a placed FormatError or sound numbers`, () => {
      const original = new Uint8Array(readFileSync(sharedData(folder, file)));
      fc.assert(
        fc.property(damageArb, fc.double({ min: 0.1, max: 0.9, noNaN: true }), (d, cut) => {
          const bytes = damage(original, d);
          let rec: Recording;
          try {
            rec = decodeBytes(bytes, file, options);
          } catch (e) {
            if (!(e instanceof FormatError)) throw new Error(`${file} (${d.kind}): ${(e as Error)?.name}: ${(e as Error)?.message}`);
            expect(e.file).toBe(file);
            return;
          }
          const w = span(rec);
          if (!w) return;
          // Two periods splitting the recording, as drills would.
          const mid = Math.round(w.startMs + cut * (w.endMs - w.startMs));
          const periods = mid > w.startMs && mid < w.endMs ? [{ id: 'a', name: 'A', startMs: w.startMs, endMs: mid }, { id: 'b', name: 'B', startMs: mid, endMs: w.endMs }] : [];
          const r = runEngine({ playerId: 'p', gnss: rec.gnss, imu: rec.imu, hr: rec.hr, window: w, periods, settings: DEFAULT_SETTINGS });
          for (const m of [r.metrics, ...r.periods.map((p) => p.metrics)]) {
            for (const [k, v] of Object.entries(m)) if (v !== null && (!Number.isFinite(v) || Object.is(v, -0))) throw new Error(`${file} (${d.kind}): ${k} = ${v}`);
          }
        }),
        // Real files are large (up to 35 000 rows): a tenth of the synthetic cases.
        { numRuns: Math.max(20, Math.round(FUZZ_RUNS / 10)), ...FUZZ_REPLAY },
      );
    }, 120_000);
  }
});
