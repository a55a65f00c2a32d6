import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readCatapultOpenField } from '../../../src/main/core/formats/catapult-openfield.reader.ts';
import { readCatapultRaw } from '../../../src/main/core/formats/catapult-raw.reader.ts';
import { decodeBytes } from '../../../src/main/core/formats/decode-file.ts';
import { FormatError } from '../../../src/main/core/formats/format-error.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('Catapult OpenField 10 Hz export (synthetic, in the layouts seen in the field)', () => {
  it("';' separated with km/h speeds and a CentisecTime reference (an OpenField 2018 export)", () => {
    const csv = [
      '# OpenField Export : 29.07.2018 08:43:09;;;;;;;;',
      '# Reference time : 28.07.2018 17:02:40 UTC;;;;;;;;',
      '# CentisecTime : 153279736000;;;;;;;;',
      '# DeviceId : 64906;;;;;;;;',
      '# Speed Units : Kilometers Per Hour;;;;;;;;',
      '# Distance Units : Meters;;;;;;;;',
      '"# Period: ""Spiel Xamax - FCB""";;;;;;;;',
      '"# Athlete: ""Ajeti""";;;;;;;;',
      'Timestamp;Seconds;Velocity;Acceleration;Odometer;Latitude;Longitude;Heart Rate;Player Load',
      '28.07.2018 19:02;0;2.91;0.06;0;46.995111;6.9442046;0;0',
      '28.07.2018 19:02;0.1;3.6;0.1;0.09;46.995112;6.9442047;141;0.05',
    ].join('\r\n');
    const rec = decodeBytes(enc(csv), 'Xamax Export for Ajeti 64906.csv');
    expect(rec.format).toBe('catapult-openfield-csv');
    expect(rec.unitId).toBe('64906');
    const g = rec.gnss!;
    // CentisecTime 153279736000 cs = 1532797360.00 s = 2018-07-28T17:02:40.000Z, the Reference time line.
    expect(new Date(g.t[0]).toISOString()).toBe('2018-07-28T17:02:40.000Z');
    expect(g.t[1] - g.t[0]).toBe(100);
    expect(g.speed[0]).toBeCloseTo(2.91 / 3.6, 12); // km/h -> m/s
    expect(g.speed[1]).toBeCloseTo(1, 12); // 3.6 km/h
    expect(g.distance![1]).toBe(0.09);
    expect(Array.from(rec.hr!.bpm)).toEqual([NaN, 141]); // 0 = no strap: missing, not 0 bpm
    expect(rec.device!.info.athlete).toBe('Ajeti');
    expect(rec.device!.sessions[0].playerLoad).toBe(0.05);
    expect(rec.problems).toEqual([]);
  });

  it("';' with decimal commas and a reference time to the second", () => {
    const csv = [
      '# OpenField Export : 28/02/2026 16:26:07',
      '# Reference time : 24/02/2026 23:51:52 UTC',
      '# Athlete: "L.SASHA"',
      '# Speed Units : Meters Per Second',
      '#',
      '#',
      '#',
      '#',
      'Timestamp;Seconds;Velocity;Acceleration;Odometer;Latitude;Longitude;Heart Rate;Player Load;Positional Quality (%);HDOP;#Sats',
      '24/02/2026 20:51:52.00;0;1,03;0,059;0;-3,8070812;-38,5228445;92;0;87,5;0,7;14',
      '24/02/2026 20:51:52.10;0,1;1,05;0,06;0,1;-3,8070813;-38,5228446;92;0,01;87,5;0,7;14',
    ].join('\n');
    const rec = readCatapultOpenField(enc(csv), { file: 'x.csv' });
    const g = rec.gnss!;
    expect(new Date(g.t[1]).toISOString()).toBe('2026-02-24T23:51:52.100Z');
    expect(g.speed[0]).toBe(1.03);
    expect(g.lat[0]).toBe(-3.8070812);
    expect(g.lon[1]).toBe(-38.5228446);
    expect(g.hdop[0]).toBe(0.7);
    expect(g.sats[1]).toBe(14);
    expect(rec.problems.map((p) => p.code)).toEqual(['REFERENCE_TO_SECOND']);
  });

  it("',' separated in the documented column order, local Timestamp only: read in the given zone, units flagged", () => {
    const header = 'Timestamp, Latitude, Longitude, Seconds, Velocity, Acceleration, Odometer, Heart Rate, Player Load, Positional Quality (%), HDOP, #Sats';
    const csv = ['# OpenField Export', '#', '#', '#', '#', '#', '#', '#', header, '14/03/2026 16:00:00.00,51.5,-0.1,0,2.5,0,0,150,0,90,0.8,12', '14/03/2026 16:00:00.10,51.5,-0.1,0.1,2.6,0,0.3,151,0,90,0.8,12'].join('\n');
    const rec = readCatapultOpenField(enc(csv), { file: 'x.csv', options: { timeZone: 'Europe/Paris' } });
    // 16:00 in Paris on 14 March 2026 (CET, UTC+1) is 15:00 UTC.
    expect(new Date(rec.gnss!.t[0]).toISOString()).toBe('2026-03-14T15:00:00.000Z');
    expect(rec.gnss!.speed[0]).toBe(2.5);
    expect(rec.problems.map((p) => p.code)).toEqual(['SPEED_UNITS_UNKNOWN']);
  });

  it('a row ended by a lone CR (found by the fuzz test): each row keeps its own Timestamp, nothing crashes', () => {
    // The numeric columns end a row at LF, CRLF or a lone CR; the Timestamp column read the rows
    // split at LF only, so a lone CR left it a row short (a TypeError instead of a result).
    const header = 'Timestamp, Latitude, Longitude, Seconds, Velocity, Acceleration, Odometer, Heart Rate, Player Load, Positional Quality (%), HDOP, #Sats';
    const rows = ['14/03/2026 16:00:00.00,51.5,-0.1,0,2.5,0,0,150,0,90,0.8,12', '14/03/2026 16:00:00.10,51.5,-0.1,0.1,2.6,0,0.3,151,0,90,0.8,12', '14/03/2026 16:00:00.20,51.5,-0.1,0.2,2.7,0,0.6,152,0,90,0.8,12'];
    const csv = `${['# OpenField Export', '#', '#', '#', '#', '#', '#', '#', header].join('\n')}\n${rows[0]}\r${rows[1]}\n${rows[2]}\n`;
    const rec = readCatapultOpenField(enc(csv), { file: 'x.csv', options: { timeZone: 'UTC' } });
    expect(Array.from(rec.gnss!.t, (t) => new Date(t).toISOString())).toEqual(['2026-03-14T16:00:00.000Z', '2026-03-14T16:00:00.100Z', '2026-03-14T16:00:00.200Z']);
    expect(Array.from(rec.gnss!.speed)).toEqual([2.5, 2.6, 2.7]);
  });

  it('refuses a header that is not an OpenField one, naming the line', () => {
    const csv = ['# OpenField Export', 'Timestamp;Foo;Bar', '1;2;3'].join('\n');
    expect(() => readCatapultOpenField(enc(csv), { file: 'x.csv' })).toThrowError(expect.objectContaining({ code: 'CSV_HEADER', line: 2 }));
  });
});

/** Excel serial day (as text) -> ms since 1970, exactly, rounded half up: (serial - 25569) days. */
function serialTextToMs(text: string): number {
  const [ip, fp = ''] = text.trim().split('.');
  const den = 10n ** BigInt(fp.length);
  const num = (BigInt(ip) - 25569n) * den * 86_400_000n + BigInt(fp || '0') * 86_400_000n;
  return Number((2n * num + den) / (2n * den));
}

describe.skipIf(!HAS_SHARED_DATA)(`Catapult raw U18 files (catapult-10hz-ssg)${HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`}`, () => {
  for (const [name, fixes] of [
    ['U18_ID1.csv', 35128],
    ['U18_ID2.csv', 34529],
  ] as const) {
    it(`${name}: ${fixes} fixes, longitude first, times equal to the serial days to the millisecond`, () => {
      const bytes = readFileSync(sharedData('catapult-10hz-ssg', name));
      const rec = decodeBytes(bytes, name);
      expect(rec.format).toBe('catapult-raw-csv');
      const g = rec.gnss!;
      expect(g.t.length).toBe(fixes);
      const rows = bytes.toString('latin1').trim().split('\n').slice(1);
      expect(rows.length).toBe(fixes);
      for (let i = 0; i < rows.length; i++) {
        const [ts, lon, lat] = rows[i].split(',');
        if (g.t[i] !== serialTextToMs(ts)) expect.fail(`row ${i + 2}: ${ts} -> ${g.t[i]}, exact ${serialTextToMs(ts)}`);
        if (g.lon[i] !== Number(lon) || g.lat[i] !== Number(lat)) expect.fail(`row ${i + 2}: position`);
      }
      // 44519.716 = 2021-11-19 17:10 on the unit's clock; no zone given: read as UTC, and said so.
      expect(new Date(g.t[0]).toISOString().slice(0, 13)).toBe('2021-11-19T17');
      expect(rec.problems.map((p) => p.code)).toEqual(['LOCAL_TIME_AS_UTC']);
      const steps = Array.from(g.t.subarray(1), (t, i) => t - g.t[i]).sort((a, b) => a - b);
      expect(steps[steps.length >> 1]).toBe(100); // median step 0.100 s
      expect(steps[steps.length - 1]).toBeLessThanOrEqual(600); // real gaps up to 0.6 s
    });
  }

  it('the time zone option moves local serial days to UTC (Madrid is UTC+1 in November)', () => {
    const bytes = readFileSync(sharedData('catapult-10hz-ssg', 'U18_ID1.csv'));
    const utc = readCatapultRaw(bytes, { file: 'a.csv' });
    const madrid = readCatapultRaw(bytes, { file: 'a.csv', options: { timeZone: 'Europe/Madrid' } });
    const lisbon = readCatapultRaw(bytes, { file: 'a.csv', options: { timeZone: 'Europe/Lisbon' } });
    expect(madrid.gnss!.t[0]).toBe(utc.gnss!.t[0] - 3_600_000);
    expect(lisbon.gnss!.t[0]).toBe(utc.gnss!.t[0]); // WET = UTC+0 in November
    expect(lisbon.problems).toEqual([]);
    expect(() => readCatapultRaw(bytes, { file: 'a.csv', options: { timeZone: 'Mars/Olympus' } })).toThrowError(FormatError);
  });

  it('Dataset_B_Pitch.csv (four pitch corners) is not a recording: UNKNOWN_FORMAT', () => {
    expect(() => decodeBytes(readFileSync(sharedData('catapult-10hz-ssg', 'Dataset_B_Pitch.csv')), 'Dataset_B_Pitch.csv')).toThrowError(expect.objectContaining({ code: 'UNKNOWN_FORMAT' }));
  });
});
