/**
 * Every reader, fed thousands of damaged inputs per run (truncated, bit-flipped, spliced, random
 * bytes, shuffled and garbled lines): each gives a Recording that keeps the canonical invariants
 * or a FormatError naming the file and a place (line or byte offset). Any other exception fails.
 * Inputs stay small, so a reader that is not linear-time would show up as a timeout.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Encoder, Profile } from '@garmin/fitsdk';
import type { FormatReader } from '../../../src/main/core/formats/reader.ts';
import type { Recording } from '../../../src/main/core/formats/canonical.ts';
import { FormatError } from '../../../src/main/core/formats/format-error.ts';
import { READERS, readerById } from '../../../src/main/core/formats/registry.ts';
import { decodeBytes } from '../../../src/main/core/formats/decode-file.ts';
import { encodeP1 } from '../../../src/main/core/formats/p1.writer.ts';
import { nmea } from '../../support/format-text.ts';

// per mutation family; five families -> 2,500 inputs per reader per run (P1_FUZZ_RUNS for a deeper run)
const RUNS = Number(process.env.P1_FUZZ_RUNS ?? 500);
const enc = (s: string) => new TextEncoder().encode(s);
const T0 = Date.UTC(2026, 2, 14, 15, 0, 0);

function p1Seed(): Uint8Array {
  const n = 24;
  const t = Float64Array.from({ length: n }, (_, i) => T0 + i * 100);
  const m = 60;
  const ti = Float64Array.from({ length: m }, (_, i) => T0 + i * 10);
  return encodeP1({
    unitId: 'P1-0042',
    firmware: '2.1.0',
    startMs: T0,
    gnss: { t, lat: t.map((_, i) => 51.5 + i * 1e-6), lon: t.map(() => -0.1), speed: t.map(() => 3), hdop: t.map(() => 0.8), sats: t.map(() => 11), alt: t.map(() => 20) },
    imu: { t: ti, ax: ti.map((_, i) => Math.sin(i)), ay: ti.map(() => 0), az: ti.map(() => 1) },
    hr: { t: Float64Array.of(T0, T0 + 1000), bpm: Float64Array.of(120, 0) },
    blockSamples: { gnss: 8, imu: 16, hr: 1 },
  });
}

type FitMesg = Parameters<Encoder['onMesg']>[1];
const mesg = (m: Record<string, unknown>) => m as unknown as FitMesg;

function fitSeed(): Uint8Array {
  const e = new Encoder();
  const start = new Date(T0);
  e.onMesg(Profile.MesgNum.FILE_ID, mesg({ manufacturer: 'development', product: 1, timeCreated: start, type: 'activity', serialNumber: 1234 }));
  for (let i = 0; i < 6; i++) {
    e.onMesg(
      Profile.MesgNum.RECORD,
      mesg({
      timestamp: new Date(T0 + i * 1000),
      positionLat: Math.round((51.5 * 2 ** 31) / 180) + i * 100,
      positionLong: Math.round((-0.1 * 2 ** 31) / 180),
      heartRate: 120 + i,
      speed: 3.5,
      distance: i * 3.5,
      altitude: 20,
      }),
    );
  }
  e.onMesg(Profile.MesgNum.SESSION, mesg({ timestamp: new Date(T0 + 6000), startTime: start, totalElapsedTime: 6, totalDistance: 17.5, sport: 'running' }));
  return e.close();
}

const GPX = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="fuzz" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>run</name><trkseg>
<trkpt lat="51.5" lon="-0.1"><ele>20</ele><time>2026-03-14T15:00:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>120</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
<trkpt lat="51.50001" lon="-0.1"><ele>21</ele><time>2026-03-14T15:00:01Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>121</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
</trkseg><trkseg></trkseg></trk></gpx>
`;

const TCX = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
<Activities><Activity Sport="Running"><Id>2026-03-14T15:00:00Z</Id>
<Lap StartTime="2026-03-14T15:00:00Z"><TotalTimeSeconds>2</TotalTimeSeconds><DistanceMeters>7</DistanceMeters><Calories>1</Calories><Track>
<Trackpoint><Time>2026-03-14T15:00:00Z</Time><Position><LatitudeDegrees>51.5</LatitudeDegrees><LongitudeDegrees>-0.1</LongitudeDegrees></Position><AltitudeMeters>20</AltitudeMeters><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>120</Value></HeartRateBpm><Extensions><ns3:TPX><ns3:Speed>3.5</ns3:Speed></ns3:TPX></Extensions></Trackpoint>
<Trackpoint><Time>2026-03-14T15:00:01Z</Time><Position><LatitudeDegrees>51.50003</LatitudeDegrees><LongitudeDegrees>-0.1</LongitudeDegrees></Position><DistanceMeters>3.5</DistanceMeters><HeartRateBpm><Value>121</Value></HeartRateBpm></Trackpoint>
</Track></Lap><Creator><Name>Forerunner</Name><UnitId>3854007508</UnitId></Creator></Activity></Activities></TrainingCenterDatabase>
`;

const NMEA = [
  nmea('GPGGA,150000.00,5130.000,N,00006.000,W,1,10,0.8,20.0,M,47.0,M,,'),
  nmea('GPRMC,150000.00,A,5130.000,N,00006.000,W,6.8,90.0,140326,,,A'),
  nmea('GPVTG,90.0,T,,M,6.8,N,12.6,K,A'),
  nmea('GPGSA,A,3,01,02,03,04,05,06,07,08,,,,,1.5,0.8,1.2'),
  nmea('GNGGA,150000.10,5130.001,N,00006.000,W,2,12,0.7,20.1,M,47.0,M,,'),
  nmea('GNRMC,150000.10,A,5130.001,N,00006.000,W,6.9,90.0,140326,,,D'),
  nmea('GPZDA,150000.10,14,03,2026,,'),
  nmea('GNGNS,150000.20,5130.002,N,00006.000,W,AA,14,0.6,20.2,47.0,,'),
  nmea('GPGLL,5130.003,N,00006.000,W,150000.30,A,A'),
].join('\r\n');

const SEEDS: Record<string, { file: string; seeds: Uint8Array[]; text: boolean }> = {
  p1: { file: 'fuzz.p1', seeds: [p1Seed()], text: false },
  fit: { file: 'fuzz.fit', seeds: [fitSeed()], text: false },
  'player1-gps-csv': { file: 'gps.csv', seeds: [enc('time,lat,lon,speed,hdop,sats,hr\n1773500400000,51.5,-0.1,3.2,0.8,12,141\n1773500400100,51.50001,-0.1,3.3,0.8,12,0\n1773500400200,51.50002,-0.1,3.4,0.9,11,142\n')], text: true },
  'player1-imu-csv': { file: 'imu.csv', seeds: [enc('time,ax,ay,az\n1773500400000,0.01,0.98,0.12\n1773500400010,0.02,0.97,0.11\n1773500400020,-0.5,1.2,0.3\n')], text: true },
  'player1-csv': { file: 'unit.csv', seeds: [enc('# device_id=P1-1\ntime,lat,lon,speed,hdop,sats,hr,ax,ay,az\n1773500400000,51.5,-0.1,3.2,0.8,12,141,0.01,0.98,0.12\n1773500400010,,,,,,,0.02,0.97,0.11\n1773500400100,51.50001,-0.1,3.3,0.8,12,,0.03,0.96,0.1\n')], text: true },
  'catapult-openfield-csv': {
    file: 'of.csv',
    seeds: [
      enc('# OpenField Export : 29.07.2018 08:43:09;;\n# Reference time : 28.07.2018 17:02:40 UTC;;\n# CentisecTime : 153279736000;;\n# DeviceId : 64906;;\n# Speed Units : Kilometers Per Hour;;\n#;;\n#;;\n#;;\nTimestamp;Seconds;Velocity;Acceleration;Odometer;Latitude;Longitude;Heart Rate;Player Load;Positional Quality (%);HDOP;#Sats\n28.07.2018 19:02:40.00;0;2,91;0,06;0;46,995111;6,9442046;0;0;90;0,7;12\n28.07.2018 19:02:40.10;0,1;3,6;0,1;0,09;46,995112;6,9442047;141;0,05;90;0,7;12\n'),
      enc('# OpenField Export\n#\n#\n#\n#\n#\n#\n#\nTimestamp, Latitude, Longitude, Seconds, Velocity, Acceleration, Odometer, Heart Rate, Player Load, Positional Quality (%), HDOP, #Sats\n14/03/2026 16:00:00.00,51.5,-0.1,0,2.5,0,0,150,0,90,0.8,12\n14/03/2026 16:00:00.10,51.5,-0.1,0.1,2.6,0,0.3,151,0,90,0.8,12\n'),
    ],
    text: true,
  },
  'catapult-raw-csv': { file: 'U18.csv', seeds: [enc('Timestamp, Longitude, Latitude\n44519.71565509259,-9.123676221696329,41.72609520324996\n44519.71565625,-9.123676221696329,41.72609520324996\n44519.7156574074,-9.12367621535635,41.72609383230787\n')], text: true },
  nmea: { file: 'log.nmea', seeds: [enc(NMEA)], text: true },
  gpx: { file: 'track.gpx', seeds: [enc(GPX)], text: true },
  tcx: { file: 'run.tcx', seeds: [enc(TCX)], text: true },
  'accel-csv': {
    file: 'ax.csv',
    seeds: [
      enc('1551178506.0000,0.328125,0.984375,0.203125\r\n1551178506.0100,0.828125,-0.359375,-0.375000\r\n1551178506.0200,0.875000,-0.390625,-0.390625\r\n'),
      enc('2019-12-23 21:04:06.690,0.007324,0.971289,0.008789,0.274658,-0.503540,15.769958\r\n2019-12-23 21:04:06.699,0.001953,0.966406,0.007813,0.282288,-0.480652,15.792846\r\n'),
      enc('------------ Data File Created By ActiGraph wGT3XBT ActiLife v6.13.3 Firmware v1.8.0 date format M/d/yyyy Filter Normal -----------,,\nSerial Number: MOS2D16160581,,\nStart Time 21:35:00,,\nStart Date 8/15/2016,,\nEpoch Period (hh:mm:ss) 00:00:05,,\n325,85,176\n'),
    ],
    text: true,
  },
};

/** The reader's verdict on `bytes` must be a sound Recording or a FormatError with file and place. */
function verdict(reader: FormatReader, bytes: Uint8Array, file: string): void {
  let rec: Recording;
  try {
    rec = reader.read(bytes, { file });
  } catch (e) {
    if (!(e instanceof FormatError)) throw new Error(`${reader.id}: ${(e as Error)?.name}: ${(e as Error)?.message}`);
    if (e.file !== file) throw new Error(`${reader.id}: error names ${e.file}, not ${file}`);
    const placed = (e.line !== null && e.line >= 1) || (e.offset !== null && e.offset >= 0 && e.offset <= bytes.length);
    if (!placed) throw new Error(`${reader.id}: ${e.code} has no line or offset in range: ${e.message}`);
    return;
  }
  sound(rec, file, reader.id);
}

function sound(rec: Recording, file: string, id: string): void {
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`${id}: ${what}`);
  };
  check(rec.source === file && rec.format === id, 'format/source');
  const streams: [string, { t: Float64Array } & Record<string, unknown>][] = [];
  if (rec.gnss) streams.push(['gnss', rec.gnss as never]);
  if (rec.imu) streams.push(['imu', rec.imu as never]);
  if (rec.hr) streams.push(['hr', rec.hr as never]);
  check(streams.length > 0, 'a Recording without any stream');
  for (const [name, s] of streams) {
    const n = s.t.length;
    check(n > 0, `${name} is empty`);
    for (const [k, v] of Object.entries(s)) check(v instanceof Float64Array && v.length === n, `${name}.${k} length`);
    for (let i = 0; i < n; i++) check(Number.isFinite(s.t[i]) && (i === 0 || s.t[i] > s.t[i - 1]), `${name}.t not strictly increasing at ${i}`);
  }
  if (rec.gnss) {
    for (let i = 0; i < rec.gnss.t.length; i++) {
      const la = rec.gnss.lat[i];
      const lo = rec.gnss.lon[i];
      check((Number.isNaN(la) || Math.abs(la) <= 90) && (Number.isNaN(lo) || Math.abs(lo) <= 180), 'lat/lon out of range');
    }
  }
  for (const p of rec.problems) check(p.file === file, 'problem names another file');
}

function flip(bytes: Uint8Array, flips: [number, number][]): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  for (const [pos, bit] of flips) out[pos % out.length] ^= 1 << bit;
  return out;
}

function splice(bytes: Uint8Array, at: number, del: number, ins: Uint8Array): Uint8Array {
  const a = bytes.length === 0 ? 0 : at % (bytes.length + 1);
  const out = new Uint8Array(bytes.length - Math.min(del, bytes.length - a) + ins.length);
  out.set(bytes.subarray(0, a), 0);
  out.set(ins, a);
  out.set(bytes.subarray(Math.min(bytes.length, a + del)), a + ins.length);
  return out;
}

/** Line-level damage for text formats: drop, repeat, swap, replace or cut lines. */
const lineEdit = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), i: fc.nat(), s: fc.string({ maxLength: 60, unit: 'binary' }) }),
  fc.record({ op: fc.constant('cut' as const), i: fc.nat(), k: fc.nat() }),
);

function editLines(bytes: Uint8Array, edits: fc.Arbitrary<unknown> extends never ? never : { op: string; i: number; j?: number; s?: string; k?: number }[]): Uint8Array {
  const lines = new TextDecoder().decode(bytes).split('\n');
  for (const e of edits) {
    const i = e.i % lines.length;
    if (e.op === 'drop' && lines.length > 1) lines.splice(i, 1);
    else if (e.op === 'dup') lines.splice(i, 0, lines[i]);
    else if (e.op === 'swap') {
      const j = e.j! % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
    } else if (e.op === 'replace') lines[i] = e.s!;
    else if (e.op === 'cut') lines[i] = lines[i].slice(0, e.k! % (lines[i].length + 1));
  }
  return enc(lines.join('\n'));
}

describe('fuzz: every reader gives a sound result or a placed FormatError', () => {
  it('has seeds for every registered reader', () => {
    expect(Object.keys(SEEDS).sort()).toEqual(READERS.map((r) => r.id).sort());
  });

  for (const [id, { file, seeds, text }] of Object.entries(SEEDS)) {
    const reader = readerById(id)!;
    const seed = fc.nat({ max: seeds.length - 1 }).map((i) => seeds[i]);
    it(`${id}: the seeds read cleanly, then ${(5 * RUNS).toLocaleString('en-GB')} damaged variants`, () => {
      for (const s of seeds) verdict(reader, s, file);
      fc.assert(
        fc.property(seed, fc.nat(), (s, k) => verdict(reader, s.subarray(0, k % (s.length + 1)), file)),
        { numRuns: RUNS },
      );
      fc.assert(
        fc.property(seed, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }), (s, flips) => verdict(reader, flip(s, flips), file)),
        { numRuns: RUNS },
      );
      fc.assert(
        fc.property(seed, fc.nat(), fc.nat({ max: 64 }), fc.uint8Array({ maxLength: 64 }), (s, at, del, ins) => verdict(reader, splice(s, at, del, ins), file)),
        { numRuns: RUNS },
      );
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (b) => verdict(reader, b, file)),
        { numRuns: RUNS },
      );
      if (text) {
        fc.assert(
          fc.property(seed, fc.array(lineEdit, { minLength: 1, maxLength: 6 }), (s, edits) => verdict(reader, editLines(s, edits), file)),
          { numRuns: RUNS },
        );
      } else {
        // binary: the seed's head followed by random bytes (a valid header, garbage after it)
        fc.assert(
          fc.property(seed, fc.nat({ max: 200 }), fc.uint8Array({ maxLength: 400 }), (s, k, tail) => {
            const b = new Uint8Array(Math.min(k, s.length) + tail.length);
            b.set(s.subarray(0, k), 0);
            b.set(tail, Math.min(k, s.length));
            verdict(reader, b, file);
          }),
          { numRuns: RUNS },
        );
      }
    });
  }

  it('detection never throws anything but a FormatError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        try {
          const rec = decodeBytes(b, 'random.bin');
          sound(rec, 'random.bin', rec.format);
        } catch (e) {
          if (!(e instanceof FormatError)) throw e;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
