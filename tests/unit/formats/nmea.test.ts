import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { readNmea } from '../../../src/main/core/formats/nmea.reader.ts';
import { FormatError } from '../../../src/main/core/formats/format-error.ts';
import type { Recording } from '../../../src/main/core/formats/canonical.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';
import { nmea, rolledBack1024Weeks } from '../../support/format-text.ts';

function read(lines: string[], options = {}): Recording {
  return readNmea(new TextEncoder().encode(lines.join('\r\n') + '\r\n'), { file: 'log.nmea', options });
}

describe('NMEA 0183 reader (synthetic logs)', () => {
  it('checks the textbook RMC checksum, merges GGA+RMC+VTG of one epoch and converts knots', () => {
    // The NMEA textbook sentence: checksum 6A, 48°07.038'N 11°31.000'E, 22.4 knots, 23 March 1994.
    expect(nmea('GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W')).toMatch(/\*6A$/);
    const rec = read([
      nmea('GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,'),
      nmea('GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W'),
      nmea('GPVTG,084.4,T,,M,022.4,N,041.5,K,A'),
    ]);
    const g = rec.gnss!;
    expect(g.t.length).toBe(1);
    expect(new Date(g.t[0]).toISOString()).toBe('1994-03-23T12:35:19.000Z');
    expect(g.lat[0]).toBeCloseTo(48 + 7.038 / 60, 12); // 48.1173
    expect(g.lon[0]).toBeCloseTo(11 + 31 / 60, 12); // 11.516666...
    expect(g.speed[0]).toBeCloseTo((22.4 * 1852) / 3600, 12); // 11.5236 m/s
    expect(g.sats[0]).toBe(8);
    expect(g.hdop[0]).toBe(0.9);
    expect(g.alt[0]).toBe(545.4);
  });

  it('skips and counts bad checksums, sentences without one and garbage, naming the first line', () => {
    const good = nmea('GPRMC,000001,A,5130.000,N,00007.500,W,1.0,0.0,140326,,,A');
    const bad = good.slice(0, -2) + '00';
    const rec = read([
      'garbage from the serial line',
      bad, // line 2
      'GPGGA,000001,5130.000,N,00007.500,W,1,10,0.8,30.0,M,,M,,', // no '$', garbage
      '$GPGGA,000001,5130.000,N,00007.500,W,1,10,0.8,30.0,M,,M,,', // no checksum (line 4)
      good,
      nmea('GPRMC,000002,A,5130.001,N,00007.500,W,1.0,0.0,140326,,,A'),
    ]);
    expect(rec.gnss!.t.length).toBe(2);
    const by = Object.fromEntries(rec.problems.map((p) => [p.code, p]));
    expect(by.NMEA_BAD_CHECKSUM).toMatchObject({ count: 1, line: 2 });
    expect(by.NMEA_NO_CHECKSUM).toMatchObject({ count: 1, line: 4 });
    expect(by.NMEA_GARBAGE).toMatchObject({ count: 2, line: 1 });
  });

  it('a file with no valid sentence is a clear error; valid sentences with no fix are NO_DATA', () => {
    expect(() => read(['$GPGGA,no,checksum', 'hello'])).toThrowError(expect.objectContaining({ code: 'NMEA_NO_VALID_SENTENCES', line: 1 }));
    expect(() => read([nmea('GPRMC,000001,V,,,,,,,140326,,,N'), nmea('GPGGA,000001,,,,,0,00,,,M,,M,,')])).toThrowError(
      expect.objectContaining({ code: 'NO_DATA', message: expect.stringContaining('no position fix') }),
    );
  });

  it('drops fixes before the first date, carries the date across midnight, reads GNS and the GN talker', () => {
    const rec = read([
      nmea('GNGGA,235958,4000.000,N,00300.000,W,1,12,0.7,650.0,M,,M,,'), // no date known yet
      nmea('GNRMC,235959,A,4000.000,N,00300.000,W,0.0,0.0,311226,,,A'), // 31 Dec 2026
      nmea('GNGNS,000000,4000.001,N,00300.000,W,AA,14,0.6,651.0,50.0,,'), // GNS only, after midnight
      nmea('GNGGA,000001,4000.002,N,00300.000,W,2,14,0.6,652.0,M,,M,,'),
    ]);
    const g = rec.gnss!;
    expect(Array.from(g.t, (t) => new Date(t).toISOString())).toEqual(['2026-12-31T23:59:59.000Z', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:01.000Z']);
    expect(g.sats[1]).toBe(14);
    expect(g.alt[1]).toBe(651);
    expect(rec.problems.find((p) => p.code === 'NMEA_NO_DATE')?.count).toBe(1);
  });

  it('a GGA with quality 1 but fewer than 3 satellites used is not a fix (as gpsd processGGA)', () => {
    // The date comes from ZDA, so each epoch's position is the GGA's alone.
    const rec = read([
      nmea('GPZDA,120000.00,14,03,2026,00,00'),
      nmea('GPGGA,120000,4000.000,N,00300.000,W,1,02,9.9,650.0,M,,M,,'), // 2 satellites: no fix
      nmea('GPZDA,120001.00,14,03,2026,00,00'),
      nmea('GPGGA,120001,4000.001,N,00300.000,W,1,03,4.0,650.0,M,,M,,'), // 3: a (2-D) fix
      nmea('GPZDA,120002.00,14,03,2026,00,00'),
      nmea('GPGGA,120002,4000.002,N,00300.000,W,1,00,,650.0,M,,M,,'), // 0: no fix
    ]);
    const g = rec.gnss!;
    expect(Array.from(g.t, (t) => new Date(t).toISOString())).toEqual(['2026-03-14T12:00:01.000Z']);
    expect(g.lat[0]).toBeCloseTo(40 + 0.001 / 60, 12);
    expect(g.sats[0]).toBe(3);
  });

  it('rejects dead-reckoning, simulator and invalid modes', () => {
    expect(() =>
      read([
        nmea('GPGGA,120000,4000.000,N,00300.000,W,6,05,1.0,650.0,M,,M,,'), // quality 6: estimated
        nmea('GPRMC,120000,A,4000.000,N,00300.000,W,0.0,0.0,140326,,,E'), // mode E: dead reckoning
        nmea('GPGGA,120001,4000.000,N,00300.000,W,8,05,1.0,650.0,M,,M,,'), // quality 8: simulator
        nmea('GPRMC,120001,V,4000.000,N,00300.000,W,0.0,0.0,140326,,,N'),
      ]),
    ).toThrowError(expect.objectContaining({ code: 'NO_DATA' }));
  });

  it('moves a 10-bit week-rollover date forward by 1024 weeks when the download date is known', () => {
    // A receiver that lost the rollover reports 2026-03-14 as 2006-07-29 (7168 days earlier).
    const lines = [nmea('GPRMC,101500,A,5130.000,N,00007.500,W,3.0,90.0,290706,,,A')];
    expect(new Date(read(lines).gnss!.t[0]).toISOString()).toBe('2006-07-29T10:15:00.000Z'); // no reference: as reported
    const rec = read(lines, { referenceMs: Date.UTC(2026, 2, 16) });
    expect(new Date(rec.gnss!.t[0]).toISOString()).toBe('2026-03-14T10:15:00.000Z');
    expect(rec.problems.find((p) => p.code === 'GPS_WEEK_ROLLOVER')?.count).toBe(1);
    // A recording 18 years old is not a rollover: it stays put.
    const old = read(lines, { referenceMs: Date.UTC(2024, 6, 29) });
    expect(new Date(old.gnss!.t[0]).toISOString()).toBe('2006-07-29T10:15:00.000Z');
  });
});

// ---------------------------------------------------------------------------------------------
// Real receivers, against gpsd's own decoded output (ntpsec/gpsd test/daemon/*.log.chk).

interface Tpv {
  t: number;
  mode: number;
  lat?: number;
  lon?: number;
  speed?: number;
}

function gpsdTpvs(chk: string): Tpv[] {
  const out: Tpv[] = [];
  for (const line of chk.split('\n')) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line) as { class: string; time?: string; mode?: number; lat?: number; lon?: number; speed?: number };
    if (o.class !== 'TPV') continue;
    out.push({ t: o.time ? Date.parse(o.time) : NaN, mode: o.mode ?? 0, lat: o.lat, lon: o.lon, speed: o.speed });
  }
  return out;
}

/** gpsd reports an epoch several times as sentences arrive; the last report holds the whole epoch. */
function gpsdEpochs(tpvs: Tpv[]): Tpv[] {
  const epochs: Tpv[] = [];
  for (const p of tpvs) {
    if (!(p.mode >= 2) || Number.isNaN(p.t)) continue;
    const e = epochs.find((x) => Math.abs(x.t - p.t) <= EPOCH_MS);
    if (e) Object.assign(e, p, { t: e.t });
    else epochs.push({ ...p });
  }
  return epochs;
}

/** Same epoch: within 5 ms (Magellan prints GLL at .523 and GGA/RMC at .52 for one measurement). */
const EPOCH_MS = 5;
const WEEKS_1024_MS = 1024 * 7 * 86_400_000;

/**
 * Epochs the receiver reports as valid (RMC status A) where gpsd emitted no TPV at all, found by
 * reading the logs: gpsd stays silent on the first cycle after a receiver's first valid RMC
 * (tr737A+, mtk-3301), on a cycle that lacks the GLL it had learned as the cycle's end
 * (gp-320fw 23:57:26), and on the unfinished last cycle (neo-m8n 17:19:48). A silent gpsd is not a
 * "no fix"; the reader keeps these.
 */
const GPSD_SILENT: Record<string, string[]> = {
  'tr737A+.log': ['2011-11-11T07:17:36.000Z'],
  'mtk-3301.log': ['2008-08-23T08:14:36.000Z'],
  'gp-320fw-2019-04-06-overflow.log': ['2019-04-06T23:57:26.020Z'],
  'neo-m8n.log': ['2015-03-18T17:19:48.000Z'],
};

/**
 * neo-m8n.log's header says "Date = 2015-03-18" where gpsd's harness reads "# Date:", so gpsd ran
 * on the wall clock and its timebase.c rule (18 leap seconds known but a time before 2017 => a
 * rollover) moved the 2015 fixes forward by exactly 1024 weeks, to 2034. The receiver's RMC says
 * 180315: the reader keeps 2015 and the comparison maps gpsd's epochs back by 1024 weeks.
 */
const GPSD_SHIFTED: Record<string, number> = { 'neo-m8n.log': -WEEKS_1024_MS };

/** Times of day (hhmmss[.ss]) of RMC sentences with status A in a raw log. */
function validRmcTimes(log: string): string[] {
  return log
    .split('\n')
    .filter((l) => /^\$..RMC,[^,]*,A,/.test(l))
    .map((l) => l.split(',')[1]);
}

function hhmmss(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19).replace(/:/g, '');
}

describe.skipIf(!HAS_SHARED_DATA)(`NMEA on 15 real receivers vs gpsd (nmea-gpsd)${HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`}`, () => {
  const dir = sharedData('nmea-gpsd');
  const logs = HAS_SHARED_DATA ? readdirSync(dir).filter((f) => f.endsWith('.log')) : [];

  it('covers all 15 logs', () => {
    expect(logs.length).toBe(15);
  });

  for (const log of logs) {
    it(`${log}: one fix per gpsd epoch with gpsd's lat/lon (1e-6°) and speed (0.001 m/s), and no fix where gpsd reports none`, () => {
      const bytes = readFileSync(`${dir}/${log}`);
      const raw = bytes.toString('latin1');
      const tpvs = gpsdTpvs(readFileSync(`${dir}/${log}.chk`, 'latin1'));
      const shift = GPSD_SHIFTED[log] ?? 0;
      const epochs = gpsdEpochs(tpvs).map((e) => ({ ...e, t: e.t + shift }));
      let rec: Recording | null = null;
      try {
        rec = readNmea(bytes, { file: log });
      } catch (e) {
        // Only a typed error is acceptable, and only when gpsd has no fix either.
        expect(e).toBeInstanceOf(FormatError);
        expect((e as FormatError).file).toBe(log);
        expect(epochs).toEqual([]);
        return;
      }
      const g = rec.gnss!;
      for (const e of epochs) {
        const at: number[] = [];
        for (let i = 0; i < g.t.length; i++) if (Math.abs(g.t[i] - e.t) <= EPOCH_MS) at.push(i);
        expect(at.length, `fixes at gpsd epoch ${new Date(e.t).toISOString()}`).toBe(1);
        const i = at[0];
        expect(Math.abs(g.lat[i] - e.lat!)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(g.lon[i] - e.lon!)).toBeLessThanOrEqual(1e-6);
        if (Number.isNaN(g.speed[i])) {
          // No receiver speed in that epoch (gpsd then derives one from positions): no RMC there.
          expect(validRmcTimes(raw).some((s) => s.startsWith(hhmmss(e.t)))).toBe(false);
        } else {
          expect(Math.abs(g.speed[i] - e.speed!)).toBeLessThanOrEqual(0.001);
        }
      }
      // Every fix gpsd did not report must be an epoch where gpsd was silent (no TPV at all, so not a
      // "no fix") and the receiver itself said valid.
      const extras = Array.from(g.t).filter((t) => !epochs.some((e) => Math.abs(e.t - t) <= EPOCH_MS));
      expect(extras.map((t) => new Date(t).toISOString())).toEqual(GPSD_SILENT[log] ?? []);
      for (const t of extras) {
        expect(tpvs.some((p) => Math.abs(p.t + shift - t) <= EPOCH_MS)).toBe(false);
        expect(validRmcTimes(raw).some((s) => s.startsWith(hhmmss(t)))).toBe(true);
      }
    });
  }

  it('Skytraq garbage: no fix and a clear "no valid sentences" error naming the first bad line', () => {
    const err = (() => {
      try {
        readNmea(readFileSync(`${dir}/skytraq-err.log`), { file: 'skytraq-err.log' });
      } catch (e) {
        return e as FormatError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(FormatError);
    expect(err!.code).toBe('NMEA_NO_VALID_SENTENCES');
    expect(err!.message).toContain('no valid NMEA sentences');
    expect(err!.line).toBe(9); // eight '#' header lines, then the first "$STI,IC,error=4"
  });

  it('gp-320fw (the 2019 rollover receiver): correct dates stay, and the same log rolled back 1024 weeks is repaired', () => {
    const raw = readFileSync(`${dir}/gp-320fw-2019-04-06-overflow.log`, 'latin1');
    const asIs = readNmea(new TextEncoder().encode(raw), { file: 'gp.log', options: { referenceMs: Date.UTC(2019, 3, 8) } });
    expect(new Date(asIs.gnss!.t[0]).toISOString().slice(0, 10)).toBe('2019-04-06');
    expect(asIs.problems.map((p) => p.code)).not.toContain('GPS_WEEK_ROLLOVER');
    // What a receiver that lost the rollover prints: 2019-04-06 - 7168 days = 1999-08-21.
    const rolled = rolledBack1024Weeks(raw);
    const plain = readNmea(new TextEncoder().encode(rolled), { file: 'gp.log' });
    expect(new Date(plain.gnss!.t[0]).toISOString().slice(0, 10)).toBe('1999-08-21');
    const fixed = readNmea(new TextEncoder().encode(rolled), { file: 'gp.log', options: { referenceMs: Date.UTC(2019, 3, 8) } });
    expect(Array.from(fixed.gnss!.t)).toEqual(Array.from(asIs.gnss!.t));
    expect(fixed.problems.find((p) => p.code === 'GPS_WEEK_ROLLOVER')?.count).toBe(fixed.gnss!.t.length);
  });
});
