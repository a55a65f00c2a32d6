import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readFit } from '../../../src/main/core/formats/fit.reader.ts';
import { walkFit } from '../../../src/main/core/formats/fit-walk.ts';
import type { Recording } from '../../../src/main/core/formats/canonical.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';
import { errorOf } from '../../support/format-text.ts';

const skipNote = HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`;
const FIT_EPOCH_S = 631065600; // 1989-12-31T00:00:00Z, the FIT epoch, in unix seconds
const file = (name: string) => readFileSync(sharedData('fit-fitparse', name));

function decode(name: string, ignoreChecksums = false): Recording {
  return readFit(file(name), { file: name, options: { ignoreChecksums } });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sun Sep 25 06:00:22 PDT 2011" -> UTC ms (PDT = UTC-7), parsed independently of the reader. */
function pdtToMs(s: string): number {
  const m = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) PDT (\d{4})$/.exec(s.trim());
  if (!m) throw new Error(`unexpected timestamp ${s}`);
  return Date.UTC(Number(m[6]), MONTHS.indexOf(m[1]), Number(m[2]), Number(m[3]) + 7, Number(m[4]), Number(m[5]));
}

interface Row {
  t: number;
  hr: number | null;
  speed: number | null;
  distance: number | null;
  lat: number | null; // semicircles
  lon: number | null;
}

/** The FIT SDK's records dump: every `record` message, one row each. */
function recordsCsv(name: string): Row[] {
  const lines = readFileSync(sharedData('fit-fitparse', name), 'utf8').trim().split('\n');
  const header = lines[0].split(',').map((h) => h.trim());
  const col = (row: string[], names: string[]) => {
    const j = header.findIndex((h) => names.includes(h));
    if (j < 0) return null;
    const v = row[j]?.trim();
    return v === undefined || v === '' || v === 'null' ? null : Number(v);
  };
  return lines.slice(1).map((l) => {
    const r = l.split(',');
    const ts = r[0].trim();
    return {
      t: /^\d+$/.test(ts) ? (Number(ts) + FIT_EPOCH_S) * 1000 : pdtToMs(ts), // compressed-speed-distance prints the raw FIT integer
      hr: col(r, ['heart_rate', 'Heart Rate [bpm]']),
      speed: col(r, ['speed', 'Speed [m/s]']),
      distance: col(r, ['distance', 'Distance [m]']),
      lat: col(r, ['position_lat']),
      lon: col(r, ['position_long']),
    };
  });
}

describe.skipIf(!HAS_SHARED_DATA)(`FIT against the FIT SDK's own record dumps (fit-fitparse)${skipNote}`, () => {
  const pairs = ['garmin-edge-500-activity', 'garmin-fenix-5-run', 'garmin-fenix-5-bike', 'compressed-speed-distance'];
  for (const base of pairs) {
    it(`${base}.fit matches ${base}-records.csv sample by sample`, () => {
      const rec = decode(`${base}.fit`);
      const rows = recordsCsv(`${base}-records.csv`);
      const g = rec.gnss!;
      const h = rec.hr!;
      // Canonical streams keep one sample per time: the first of records that repeat a timestamp.
      const firsts = rows.filter((r, i) => i === 0 || r.t !== rows[i - 1].t);
      const repeats = rows.length - firsts.length;
      expect(g.t.length).toBe(firsts.length);
      if (repeats > 0) expect(rec.problems.find((p) => p.code === 'TIME_NOT_INCREASING')?.count).toBe(repeats);
      if (base === 'compressed-speed-distance') expect(rows.length).toBe(754);
      let lastLat: number | null = null;
      let lastLon: number | null = null;
      for (let i = 0; i < firsts.length; i++) {
        const r = firsts[i];
        expect(g.t[i]).toBe(r.t);
        expect(h.t[i]).toBe(r.t);
        expect(h.bpm[i]).toBe(r.hr ?? NaN);
        if (r.speed === null) expect(g.speed[i]).toBeNaN();
        else expect(g.speed[i]).toBeCloseTo(r.speed, 9);
        if (r.distance === null) expect(g.distance![i]).toBeNaN();
        else expect(g.distance![i]).toBeCloseTo(r.distance, 9);
        if (Number.isNaN(g.lat[i])) {
          // the dump repeats the last valid position where a record has none
          expect(r.lat).toBe(lastLat);
          expect(r.lon).toBe(lastLon);
        } else {
          expect(g.lat[i]).toBeCloseTo((r.lat! * 180) / 2 ** 31, 12);
          expect(g.lon[i]).toBeCloseTo((r.lon! * 180) / 2 ** 31, 12);
          lastLat = r.lat;
          lastLon = r.lon;
        }
      }
    });
  }

  it('compressed-speed-distance.fit: its compressed-timestamp headers are decoded (the SDK alone refuses them)', () => {
    const segs = walkFit(file('compressed-speed-distance.fit'), false);
    expect(segs).toHaveLength(1);
    expect(segs[0].compressedTimestamps).toBeGreaterThan(0);
    expect(decode('compressed-speed-distance.fit').device!.counts['compressed-timestamp messages']).toBe(segs[0].compressedTimestamps);
  });

  it('stated facts hold: ELEMNT session avg speed 5.86 m/s, COROS 11293 messages, sample_mulitple_header 3023', () => {
    expect(decode('2019-02-17-062644-ELEMNT-297E-195-0.fit').device!.sessions[0].avgSpeedMs).toBe(5.86);
    expect(decode('coros-pace-2-cycling-misaligned-fields.fit').device!.counts['total messages']).toBe(11293);
    expect(decode('sample_mulitple_header.fit').device!.counts['total messages']).toBe(3023);
  });

  it('activity-small-fenix2-run, developer-types-sample and Activity.fit decode without error; developer fields are named', () => {
    for (const f of ['activity-small-fenix2-run.fit', 'developer-types-sample.fit', 'Activity.fit']) {
      const rec = decode(f);
      expect(rec.problems.filter((p) => p.severity !== 'info')).toEqual([]);
      expect(rec.gnss!.t.length).toBeGreaterThan(0);
    }
    // The four names are stored as text in the file's field_description messages.
    const dev = decode('developer-types-sample.fit').device!.info['developer fields'];
    for (const name of ['Form Power', 'Leg Spring Stiffness', 'Speed', 'Distance']) expect(dev).toContain(name);
  });

  it('each bad file gives its specific error with the byte offset', () => {
    // activity-filecrc: 12-byte header + 757 data bytes; the CRC sits at byte 769.
    expect(errorOf(() => decode('activity-filecrc.fit'))).toMatchObject({ code: 'FIT_CRC', file: 'activity-filecrc.fit', offset: 769 });
    // activity-unexpected-eof: 768 bytes where 12 + 757 + 2 = 771 are announced.
    expect(errorOf(() => decode('activity-unexpected-eof.fit'))).toMatchObject({ code: 'FIT_TRUNCATED', offset: 768 });
    // nick.fit: the data section ends inside a message, so the CRC cannot match.
    const nick = errorOf(() => decode('nick.fit'));
    expect(nick.code).toBe('FIT_CRC');
    expect(nick.message).toContain('cut short');
  });

  it('chained files: the good first file is kept and the bad second one is reported where it is', () => {
    // Each of these is a good 771-byte activity followed by a damaged second file at byte 771.
    const cases: [string, string, number][] = [
      ['activity-activity-filecrc.fit', 'FIT_CRC', 771 + 12 + 757], // the 2nd file's CRC position
      ['activity-settings-corruptheader.fit', 'FIT_HEADER', 771],
      ['activity-settings-nodata.fit', 'NO_DATA', 771 + 12], // header says 68 data bytes, 3 are there
    ];
    const good = decode('Activity.fit');
    for (const [name, code, offset] of cases) {
      const rec = decode(name);
      const p = rec.problems.find((x) => x.severity === 'error')!;
      expect(p).toMatchObject({ code, offset });
      expect(p.message).toContain('chained FIT file 2 of 2');
      expect(Array.from(rec.gnss!.t)).toEqual(Array.from(good.gnss!.t));
      expect(Array.from(rec.gnss!.lat)).toEqual(Array.from(good.gnss!.lat));
    }
  });

  it('with checksums ignored, a damaged file is read as far as its messages are complete, with a warning', () => {
    const crc = decode('activity-filecrc.fit', true);
    expect(crc.gnss!.t.length).toBe(decode('Activity.fit').gnss!.t.length);
    expect(crc.problems[0]).toMatchObject({ severity: 'warning', code: 'FIT_CRC' });
    const nick = decode('nick.fit', true);
    expect(nick.problems.find((p) => p.code === 'FIT_CRC')?.severity).toBe('warning');
    // every record message but the one cut short at the end
    expect(nick.device!.counts.record).toBeGreaterThan(14_000);
    expect(nick.gnss!.t.length).toBeGreaterThan(14_000);
    const eof = decode('activity-unexpected-eof.fit', true);
    expect(eof.problems[0]).toMatchObject({ severity: 'warning', code: 'FIT_TRUNCATED' });
    expect(eof.gnss!.t.length).toBe(14);
  });

  it('a file_id serial of 0x7FFFFFFF (what these damaged files carry for "none") is no unit id: two unrelated files are not one unit', () => {
    // Both files' file_id.serial_number decodes to 2147483647 with the FIT SDK (checked by hand).
    expect(decode('activity-filecrc.fit', true).unitId).toBeNull();
    expect(decode('activity-unexpected-eof.fit', true).unitId).toBeNull();
    // A real serial is still the unit id.
    expect(decode('garmin-fenix-5-run.fit').unitId).toBe('3945849289');
  });

  it('a damaged file says it can be read anyway without naming any front end\'s way to do it', () => {
    const msg = errorOf(() => decode('activity-filecrc.fit')).message;
    expect(msg).toMatch(/can still be read anyway\.$/);
    expect(msg).not.toMatch(/--ignore-checksums|inspect|Read anyway/);
  });
});

describe('FIT container checks (synthetic)', () => {
  it('refuses what is not FIT, and a header with a bad size, naming offset 0', () => {
    expect(errorOf(() => readFit(new TextEncoder().encode('hello world, not a FIT file'), { file: 'x.fit' }))).toMatchObject({ code: 'FIT_HEADER', offset: 0 });
    const bytes = new Uint8Array(14);
    bytes.set([13, 0x10, 0, 0, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54]);
    expect(errorOf(() => readFit(bytes, { file: 'y.fit' }))).toMatchObject({ code: 'FIT_HEADER', offset: 0 });
  });
});
