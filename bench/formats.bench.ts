/**
 * `npm run bench -- formats`: decode speed (MB/s of file bytes) per reader, on a deterministic
 * synthetic 90-minute session (10 Hz GNSS, 100 Hz IMU, 1 Hz HR from a seeded PRNG) written in each
 * format to a temp dir, and the size of the P1 file against the same data as Player1 CSV.
 * Figures are the median of several runs after a warm-up (and the best run, which shows what the
 * code does when the machine is not shared). Prints numbers only; asserts nothing.
 *
 *   --minutes=N   session length (default 90)
 *   --runs=N      timed runs per reader (default 7; P1 gets 3x as many, it is quick)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Encoder, Profile } from '@garmin/fitsdk';
import type { GnssStream, HrStream, ImuStream } from '../src/main/core/formats/canonical.ts';
import { emptyGnss } from '../src/main/core/formats/canonical.ts';
import { mulberry32 } from '../src/main/core/sample/prng.ts';
import { encodeP1 } from '../src/main/core/formats/p1.writer.ts';
import { detectFormat, readerById } from '../src/main/core/formats/registry.ts';
import { median as medianOf } from '../src/main/core/processing/sample-rate.ts';

interface Session {
  startMs: number;
  gnss: GnssStream;
  imu: ImuStream;
  hr: HrStream;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** A player on a pitch: bounded accelerations, turns, speeds 0-9 m/s, a strap and a 100 Hz IMU. */
export function syntheticSession(minutes: number, seed = 42): Session {
  const rnd = mulberry32(seed);
  const startMs = Date.UTC(2026, 2, 14, 15, 0, 0);
  const ng = minutes * 60 * 10;
  const g = emptyGnss(ng); // every column is written below
  let x = 0;
  let y = 0;
  let v = 1;
  let heading = 0;
  const lat0 = 51.556;
  const lon0 = -0.2796;
  for (let i = 0; i < ng; i++) {
    v = Math.min(9, Math.max(0, v + (rnd() - 0.5) * 0.6));
    heading += (rnd() - 0.5) * 0.3;
    x = Math.max(-50, Math.min(50, x + v * 0.1 * Math.cos(heading)));
    y = Math.max(-32, Math.min(32, y + v * 0.1 * Math.sin(heading)));
    g.t[i] = startMs + i * 100;
    g.lat[i] = round(lat0 + y / 111_320, 7);
    g.lon[i] = round(lon0 + x / (111_320 * Math.cos((lat0 * Math.PI) / 180)), 7);
    g.speed[i] = round(v, 2);
    g.hdop[i] = round(0.6 + rnd() * 0.6, 1);
    g.sats[i] = 9 + Math.floor(rnd() * 6);
    g.alt[i] = round(40 + rnd() * 0.5, 2);
  }
  const ni = ng * 10;
  const m: ImuStream = { t: new Float64Array(ni), ax: new Float64Array(ni), ay: new Float64Array(ni), az: new Float64Array(ni) };
  for (let i = 0; i < ni; i++) {
    const s = g.speed[Math.floor(i / 10)];
    m.t[i] = startMs + i * 10;
    // multiples of 1/2048 g, the resolution of a ±16 g 16-bit accelerometer
    m.ax[i] = Math.round((0.2 * s * Math.sin(i / 7) + (rnd() - 0.5) * 0.2) * 2048) / 2048;
    m.ay[i] = Math.round((0.1 * s * Math.cos(i / 5) + (rnd() - 0.5) * 0.2) * 2048) / 2048;
    m.az[i] = Math.round((1 + 0.15 * s * Math.sin(i / 3) + (rnd() - 0.5) * 0.2) * 2048) / 2048;
  }
  const nh = minutes * 60;
  const hr: HrStream = { t: new Float64Array(nh), bpm: new Float64Array(nh) };
  let bpm = 90;
  for (let i = 0; i < nh; i++) {
    bpm = Math.min(195, Math.max(70, bpm + (g.speed[i * 10] - 3) * 0.8 + (rnd() - 0.5) * 2));
    hr.t[i] = startMs + i * 1000;
    hr.bpm[i] = Math.round(bpm);
  }
  return { startMs, gnss: g, imu: m, hr };
}

// ---- writers for the bench inputs (a string per file, built in pieces)

function join_(parts: string[]): string {
  return parts.join('');
}

function player1Gps(s: Session): string {
  const g = s.gnss;
  const out = ['time,lat,lon,speed,hdop,sats,hr\n'];
  for (let i = 0; i < g.t.length; i++) {
    const h = i % 10 === 0 ? s.hr.bpm[i / 10] : 0;
    out.push(`${g.t[i]},${g.lat[i]},${g.lon[i]},${g.speed[i]},${g.hdop[i]},${g.sats[i]},${h}\n`);
  }
  return join_(out);
}

function player1Imu(s: Session): string {
  const m = s.imu;
  const out = ['time,ax,ay,az\n'];
  for (let i = 0; i < m.t.length; i++) out.push(`${m.t[i]},${m.ax[i]},${m.ay[i]},${m.az[i]}\n`);
  return join_(out);
}

function openField(s: Session, semicolon: boolean): string {
  const g = s.gnss;
  const sep = semicolon ? ';' : ',';
  const num = (v: number) => (semicolon ? String(v).replace('.', ',') : String(v));
  const out = [
    `# OpenField Export : 14.03.2026 17:00:00\n# Reference time : 14.03.2026 15:00:00 UTC\n# CentisecTime : ${s.startMs / 10}\n# DeviceId : 64906\n# Speed Units : Meters Per Second\n# Distance Units : Meters\n# Period: "Session"\n# Athlete: "Bench"\n`,
    ['Timestamp', 'Seconds', 'Velocity', 'Acceleration', 'Odometer', 'Latitude', 'Longitude', 'Heart Rate', 'Player Load', 'Positional Quality (%)', 'HDOP', '#Sats'].join(sep) + '\n',
  ];
  let odo = 0;
  for (let i = 0; i < g.t.length; i++) {
    odo += g.speed[i] * 0.1;
    const d = new Date(g.t[i] + 3_600_000);
    const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/03/2026 ${d.toISOString().slice(11, 22)}`;
    const row = [stamp, num(round((g.t[i] - s.startMs) / 1000, 1)), num(g.speed[i]), num(0.12), num(round(odo, 2)), num(g.lat[i]), num(g.lon[i]), String(s.hr.bpm[Math.floor(i / 10)]), num(round(i * 0.01, 2)), num(87.5), num(g.hdop[i]), String(g.sats[i])];
    out.push(row.join(sep) + '\n');
  }
  return join_(out);
}

function catapultRaw(s: Session): string {
  const g = s.gnss;
  const out = ['Timestamp, Longitude, Latitude\n'];
  for (let i = 0; i < g.t.length; i++) out.push(`${g.t[i] / 86_400_000 + 25569},${g.lon[i]},${g.lat[i]}\n`);
  return join_(out);
}

function nmeaLog(s: Session): string {
  const g = s.gnss;
  const cs = (body: string) => {
    let x = 0;
    for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
    return `$${body}*${x.toString(16).toUpperCase().padStart(2, '0')}\r\n`;
  };
  const dm = (v: number, w: number) => {
    const a = Math.abs(v);
    const d = Math.floor(a);
    return `${String(d).padStart(w, '0')}${((a - d) * 60).toFixed(5).padStart(8, '0')}`;
  };
  const out: string[] = [];
  for (let i = 0; i < g.t.length; i++) {
    const iso = new Date(g.t[i]).toISOString();
    const hms = `${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}.${iso.slice(20, 22)}`;
    const lat = `${dm(g.lat[i], 2)},${g.lat[i] >= 0 ? 'N' : 'S'}`;
    const lon = `${dm(g.lon[i], 3)},${g.lon[i] >= 0 ? 'E' : 'W'}`;
    out.push(cs(`GNGGA,${hms},${lat},${lon},1,${g.sats[i]},${g.hdop[i]},${g.alt[i]},M,47.0,M,,`));
    out.push(cs(`GNRMC,${hms},A,${lat},${lon},${(g.speed[i] * 3600 / 1852).toFixed(3)},90.0,140326,,,A`));
  }
  return join_(out);
}

type FitMesg = Parameters<Encoder['onMesg']>[1];

/** Watches record FIT at 1 Hz: one record per second with position, speed, distance, HR. */
function fitFile(s: Session): Uint8Array {
  const e = new Encoder();
  const mesg = (m: Record<string, unknown>) => m as unknown as FitMesg;
  e.onMesg(Profile.MesgNum.FILE_ID, mesg({ manufacturer: 'development', product: 1, timeCreated: new Date(s.startMs), type: 'activity', serialNumber: 42 }));
  let dist = 0;
  for (let i = 0; i < s.hr.t.length; i++) {
    const k = i * 10;
    dist += s.gnss.speed[k];
    e.onMesg(
      Profile.MesgNum.RECORD,
      mesg({
        timestamp: new Date(s.hr.t[i]),
        positionLat: Math.round((s.gnss.lat[k] * 2 ** 31) / 180),
        positionLong: Math.round((s.gnss.lon[k] * 2 ** 31) / 180),
        speed: s.gnss.speed[k],
        distance: dist,
        altitude: s.gnss.alt[k],
        heartRate: s.hr.bpm[i],
      }),
    );
  }
  e.onMesg(Profile.MesgNum.SESSION, mesg({ timestamp: new Date(s.hr.t[s.hr.t.length - 1]), startTime: new Date(s.startMs), totalElapsedTime: s.hr.t.length, totalDistance: dist, sport: 'soccer' }));
  return e.close();
}

function gpxFile(s: Session): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n<trk><trkseg>\n'];
  for (let i = 0; i < s.hr.t.length; i++) {
    const k = i * 10;
    out.push(`<trkpt lat="${s.gnss.lat[k]}" lon="${s.gnss.lon[k]}"><ele>${s.gnss.alt[k]}</ele><time>${new Date(s.hr.t[i]).toISOString()}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${s.hr.bpm[i]}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>\n`);
  }
  out.push('</trkseg></trk></gpx>\n');
  return join_(out);
}

function tcxFile(s: Session): string {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Activities><Activity Sport="Other"><Id>${new Date(s.startMs).toISOString()}</Id><Lap StartTime="${new Date(s.startMs).toISOString()}"><TotalTimeSeconds>${s.hr.t.length}</TotalTimeSeconds><Track>\n`];
  let dist = 0;
  for (let i = 0; i < s.hr.t.length; i++) {
    const k = i * 10;
    dist += s.gnss.speed[k];
    out.push(`<Trackpoint><Time>${new Date(s.hr.t[i]).toISOString()}</Time><Position><LatitudeDegrees>${s.gnss.lat[k]}</LatitudeDegrees><LongitudeDegrees>${s.gnss.lon[k]}</LongitudeDegrees></Position><AltitudeMeters>${s.gnss.alt[k]}</AltitudeMeters><DistanceMeters>${round(dist, 2)}</DistanceMeters><HeartRateBpm><Value>${s.hr.bpm[i]}</Value></HeartRateBpm><Extensions><ns3:TPX><ns3:Speed>${s.gnss.speed[k]}</ns3:Speed></ns3:TPX></Extensions></Trackpoint>\n`);
  }
  out.push('</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n');
  return join_(out);
}

function axivity(s: Session): string {
  const m = s.imu;
  const out: string[] = [];
  for (let i = 0; i < m.t.length; i++) out.push(`${(m.t[i] / 1000).toFixed(4)},${m.ax[i].toFixed(6)},${m.ay[i].toFixed(6)},${m.az[i].toFixed(6)}\n`);
  return join_(out);
}

// ---- timing

const median = (xs: number[]): number => medianOf(Float64Array.from(xs)) ?? NaN;

/** Median and best of `runs` timed calls after two warm-up calls (JIT). */
function time(fn: () => void, runs: number): { median: number; best: number } {
  fn();
  fn();
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return { median: median(ms), best: Math.min(...ms) };
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(2).padStart(8);
}

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, def: number) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.split('=')[1]) : def;
  };
  const minutes = opt('minutes', 90);
  const runs = opt('runs', 7);
  const dir = mkdtempSync(join(tmpdir(), 'p1-bench-formats-'));
  try {
    const t0 = performance.now();
    const s = syntheticSession(minutes);
    const files: [string, string, Uint8Array | string][] = [
      ['P1 binary', 'unit.p1', encodeP1({ unitId: 'P1-0042', firmware: '2.1.0', startMs: s.startMs, gnss: s.gnss, imu: s.imu, hr: s.hr })],
      ['Player1 CSV gps.csv', 'gps.csv', player1Gps(s)],
      ['Player1 CSV imu.csv', 'imu.csv', player1Imu(s)],
      ["Catapult OpenField ','", 'openfield-comma.csv', openField(s, false)],
      ["Catapult OpenField ';' + decimal ','", 'openfield-semicolon.csv', openField(s, true)],
      ['Catapult raw (Excel serial days)', 'U18.csv', catapultRaw(s)],
      ['NMEA 0183 (GGA+RMC, 10 Hz)', 'log.nmea', nmeaLog(s)],
      ['FIT (1 Hz records)', 'watch.fit', fitFile(s)],
      ['GPX (1 Hz, HR extension)', 'watch.gpx', gpxFile(s)],
      ['TCX (1 Hz)', 'watch.tcx', tcxFile(s)],
      ['Axivity AX3 CSV (100 Hz)', 'ax3.csv', axivity(s)],
    ];
    for (const [, name, data] of files) writeFileSync(join(dir, name), data);
    console.log(`session: ${minutes} min, ${s.gnss.t.length} GNSS fixes (10 Hz), ${s.imu.t.length} IMU samples (100 Hz), ${s.hr.t.length} HR samples (1 Hz); files written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log('');
    console.log(`${'reader'.padEnd(40)}${'file MB'.padStart(8)}${'median ms'.padStart(11)}${'MB/s'.padStart(9)}${'best MB/s'.padStart(11)}  samples`);
    for (const [label, name] of files) {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const reader = detectFormat(bytes.subarray(0, 65536), name)?.reader ?? readerById('p1')!;
      let samples = '';
      const { median: ms, best } = time(
        () => {
          const rec = reader.read(bytes, { file: name });
          samples = `${reader.id}: gnss ${rec.gnss?.t.length ?? 0}, imu ${rec.imu?.t.length ?? 0}, hr ${rec.hr?.t.length ?? 0}`;
        },
        reader.id === 'p1' ? runs * 3 : runs,
      );
      const rate = (t: number) => (bytes.length / 1e6 / (t / 1000)).toFixed(0);
      console.log(`${label.padEnd(40)}${mb(bytes.length)}${ms.toFixed(2).padStart(11)}${rate(ms).padStart(9)}${rate(best).padStart(11)}  ${samples}`);
    }
    const p1 = readFileSync(join(dir, 'unit.p1')).length;
    const gps = readFileSync(join(dir, 'gps.csv')).length;
    const imu = readFileSync(join(dir, 'imu.csv')).length;
    console.log('');
    console.log(`${minutes}-minute session, same samples: P1 ${(p1 / 1e6).toFixed(2)} MB vs Player1 CSV ${((gps + imu) / 1e6).toFixed(2)} MB (gps.csv ${(gps / 1e6).toFixed(2)} + imu.csv ${(imu / 1e6).toFixed(2)}): P1 is ${((gps + imu) / p1).toFixed(1)}x smaller`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
