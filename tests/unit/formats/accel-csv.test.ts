import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readAccelCsv } from '../../../src/main/core/formats/accel-csv.reader.ts';
import { decodeBytes } from '../../../src/main/core/formats/decode-file.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('accelerometer CSV (synthetic)', () => {
  it('reads a time,x,y,z header variant and refuses m/s²', () => {
    const g = ['time,x,y,z', '1773500400.00,0.01,0.02,1.00', '1773500400.01,0.02,0.01,0.99'].join('\n');
    const rec = readAccelCsv(enc(g), { file: 'a.csv' });
    expect(Array.from(rec.imu!.t)).toEqual([1773500400000, 1773500400010]);
    expect(Array.from(rec.imu!.az)).toEqual([1, 0.99]);
    const ms2 = ['1773500400.00,0.1,0.2,9.81', '1773500400.01,0.2,0.1,9.79'].join('\n');
    expect(() => readAccelCsv(enc(ms2), { file: 'b.csv' })).toThrowError(expect.objectContaining({ code: 'ACCEL_UNITS', message: expect.stringContaining('m/s²') }));
  });

  it('a formatted-time row with an empty time is refused at its own line (blank lines are skipped)', () => {
    const ok = '2019-12-23 21:04:06.690,0.1,0.0,1.0';
    const f = [ok, '', ',0.2,0.0,1.0', '2019-12-23 21:04:06.710,0.3,0.0,1.0'].join('\r\n');
    expect(() => readAccelCsv(enc(f), { file: 'c.csv', options: { timeZone: 'UTC' } })).toThrowError(
      expect.objectContaining({ code: 'CSV_VALUE', line: 3, message: expect.stringContaining('"" is not a') }),
    );
    const blank = [ok, '', '2019-12-23 21:04:06.710,0.3,0.0,1.0'].join('\r\n');
    const rec = readAccelCsv(enc(blank), { file: 'd.csv', options: { timeZone: 'UTC' } });
    expect(Array.from(rec.imu!.t, (t) => new Date(t).toISOString())).toEqual(['2019-12-23T21:04:06.690Z', '2019-12-23T21:04:06.710Z']);
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`raw accelerometers from GGIR's test files (imu-ggir)${HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`}`, () => {
  const load = (name: string) => readFileSync(sharedData('imu-ggir', name));
  const rows = (name: string) =>
    load(name)
      .toString('latin1')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split(','));

  it('ax3 (unix seconds, x, y, z in g): every sample, times in UTC ms', () => {
    const rec = decodeBytes(load('ax3_testfile_unix_timestamps.csv'), 'ax3.csv');
    expect(rec.format).toBe('accel-csv');
    const r = rows('ax3_testfile_unix_timestamps.csv');
    const m = rec.imu!;
    expect(m.t.length).toBe(r.length);
    for (let i = 0; i < r.length; i++) {
      // "1551178507.2101" s -> 1551178507210.1 ms: the printed digits, exactly, in µs then / 1000
      const [s, frac] = r[i][0].split('.');
      const us = BigInt(s) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
      expect(m.t[i]).toBe(Number(us) / 1000);
      expect([m.ax[i], m.ay[i], m.az[i]]).toEqual([Number(r[i][1]), Number(r[i][2]), Number(r[i][3])]);
    }
    expect(rec.problems).toEqual([]);
  });

  it('ax6 (local YYYY-mm-dd HH:MM:SS.fff, acc then gyro): acceleration kept, gyro ignored, zone applied', () => {
    const r = rows('ax6_testfile_formatted_timestamps.csv');
    const asUtc = decodeBytes(load('ax6_testfile_formatted_timestamps.csv'), 'ax6.csv');
    expect(asUtc.imu!.t.length).toBe(r.length);
    expect(new Date(asUtc.imu!.t[0]).toISOString()).toBe('2019-12-23T21:04:06.690Z');
    expect(asUtc.problems.map((p) => p.code)).toContain('LOCAL_TIME_AS_UTC');
    expect(asUtc.device!.info['ignored columns']).toContain('gyroscope');
    expect(asUtc.imu!.ax[1]).toBe(Number(r[1][1]));
    const amsterdam = decodeBytes(load('ax6_testfile_formatted_timestamps.csv'), 'ax6.csv', { timeZone: 'Europe/Amsterdam' });
    expect(new Date(amsterdam.imu!.t[0]).toISOString()).toBe('2019-12-23T20:04:06.690Z'); // CET = UTC+1
  });

  it('ActiGraph61.csv (ActiLife 5-second epoch counts) is recognised and refused with the reason', () => {
    expect(() => decodeBytes(load('ActiGraph61.csv'), 'ActiGraph61.csv')).toThrowError(
      expect.objectContaining({ code: 'ACTIGRAPH_EPOCH_COUNTS', line: 1, message: expect.stringContaining('5-second epoch') }),
    );
  });
});
