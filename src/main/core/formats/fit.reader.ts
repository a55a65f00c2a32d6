/**
 * Garmin FIT (watches, bike computers, Garmin/Activities on a unit's USB volume), decoded with
 * @garmin/fitsdk after fit-walk.ts has split chained files, checked each one (header, length,
 * CRC, message structure) and rewritten compressed-timestamp headers the SDK cannot read.
 *
 * - record -> GNSS (position semicircles * 180 / 2^31, speed and altitude, distance kept as the
 *   device's odometer) and HR (hr messages merged in by the SDK).
 * - session and lap -> the device's own totals; every data message is counted by type
 *   (unknown global numbers included, as FIT tools count them); developer fields are named.
 * - A bad first file is a FormatError: FIT_HEADER, FIT_TRUNCATED, FIT_CRC, NO_DATA or
 *   FIT_STRUCTURE with its byte offset. A bad later chained file is an 'error' problem and the
 *   good files before it are kept. With options.ignoreChecksums a damaged file is read as far as
 *   its messages are complete, with a warning.
 */
import type { FitMessages } from '@garmin/fitsdk';
import type { DeviceTotals, GnssStream, HrStream, Problem, Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { increasingTimeIndex } from './time-order.ts';
import { FIT_EPOCH_S, isFitHeader, walkFit } from './fit-walk.ts';
import { fitSdk } from './lazy-deps.ts';

const SEMICIRCLE_DEG = 180 / 2 ** 31;

export const fitReader: FormatReader = {
  id: 'fit',
  label: 'Garmin FIT',
  extensions: ['fit'],
  sniff: (head) => (isFitHeader(head) ? 1 : 0),
  read: (bytes: Uint8Array, ctx: ReadContext) => readFit(bytes, ctx),
};

interface Sample {
  t: number;
  lat: number;
  lon: number;
  speed: number;
  alt: number;
  dist: number;
  hr: number;
}

type AnyMesg = Record<string, unknown>;

/** Faults past which a FIT file's complete messages can still be read (the reader's lenient mode). */
export const READABLE_ANYWAY: ReadonlySet<string> = new Set(['FIT_CRC', 'FIT_TRUNCATED', 'FIT_STRUCTURE']);

/** serial_number values that mean "none" (uint32z's invalid 0, uint32's 0xFFFFFFFF, and 0x7FFFFFFF as some writers use). */
const NO_SERIAL: ReadonlySet<number> = new Set([0, 0x7fffffff, 0xffffffff]);

export function readFit(bytes: Uint8Array, ctx: ReadContext): Recording {
  const file = ctx.file;
  const lenient = ctx.options?.ignoreChecksums === true;
  const segments = walkFit(bytes, lenient);
  const problems: Problem[] = [];
  const first = segments[0];
  if (!first.bytes) {
    const f = first.fault!;
    // How to read it anyway is each front end's to say (the app's Read anyway button, the CLI's
    // --ignore-checksums): the reader says only that it can be done.
    const hint = READABLE_ANYWAY.has(f.code) ? ' Its complete messages can still be read anyway.' : '';
    throw new FormatError(f.code, file, f.message + '.' + hint, { offset: f.at });
  }

  const samples: Sample[] = [];
  const sessions: DeviceTotals[] = [];
  const laps: DeviceTotals[] = [];
  const counts: Record<string, number> = {};
  const info: Record<string, string> = {};
  const devFields = new Set<string>();
  let total = 0;
  let unitId: string | null = null;
  let noTime = 0;
  let used = 0;

  // Report every faulty file; decode the usable ones in one SDK pass so that heart rates stored in
  // a later chained file (HRM-Swim/Tri uploads) are merged into the records of the first.
  const parts: Uint8Array[] = [];
  const starts: { at: number; offset: number }[] = []; // position in the joined stream -> offset in the file
  let joined = 0;
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k];
    const which = segments.length > 1 ? `chained FIT file ${k + 1} of ${segments.length} (at byte ${s.offset})` : 'the FIT file';
    if (s.fault) {
      if (s.bytes) {
        problems.push({ severity: 'warning', code: s.fault.code, message: `${which}: ${s.fault.message}; read anyway because checksums are ignored: ${s.messages} complete message(s) kept`, file, offset: s.fault.at });
      } else {
        problems.push({ severity: 'error', code: s.fault.code, message: `${which}: ${s.fault.message}; its data was not used (the ${used} file(s) before it were kept)`, file, offset: s.fault.at });
      }
    }
    if (!s.bytes) continue;
    used++;
    parts.push(s.bytes);
    starts.push({ at: joined, offset: s.offset });
    joined += s.bytes.length;
    if (s.compressedTimestamps > 0) counts['compressed-timestamp messages'] = (counts['compressed-timestamp messages'] ?? 0) + s.compressedTimestamps;
  }
  const all = new Uint8Array(joined);
  let q = 0;
  for (const part of parts) {
    all.set(part, q);
    q += part.length;
  }
  const { Decoder, Stream } = fitSdk();
  const decoder = new Decoder(Stream.fromByteArray(all));
  const { messages, errors } = decoder.read({
    includeUnknownData: true,
    convertDateTimesToDates: false,
    mergeHeartRates: true,
    expandComponents: true,
    applyScaleAndOffset: true,
    convertTypesToStrings: true,
  });
  if (errors.length > 0) {
    // The walk found every file sound, so this is the SDK refusing a field value: keep what decoded.
    const e = errors[0] as Error;
    const at = /at byte (\d+)/.exec(e.message);
    let offset = 0;
    let inFirst = true;
    if (at) {
      const pos = Number(at[1]);
      const k = starts.findLastIndex((x) => x.at <= pos);
      const seg = starts[Math.max(0, k)];
      offset = seg.offset + (pos - seg.at);
      inFirst = k <= 0;
    }
    const why = e.message.replace(/^FIT Runtime Error\s*/, '');
    if (!lenient && inFirst) throw new FormatError('FIT_DECODE', file, `the FIT SDK could not decode it: ${why}`, { offset });
    // In a later chained file (or when told to read anyway): keep every message decoded before it.
    problems.push({ severity: lenient && inFirst ? 'warning' : 'error', code: 'FIT_DECODE', message: `the FIT SDK stopped: ${why}; the messages before it were kept`, file, offset });
  }
  for (const [key, list] of Object.entries(messages as Record<string, AnyMesg[]>)) {
    const name = key.endsWith('Mesgs') ? key.slice(0, -5) : `message ${key}`;
    counts[name] = (counts[name] ?? 0) + list.length;
    total += list.length;
  }
  const m = messages as FitMessages & Record<string, AnyMesg[] | undefined>;
  const fid = (m.fileIdMesgs?.[0] ?? null) as AnyMesg | null;
  if (fid) {
    // A missing serial is not an identity: the "no value" markers (0, 0x7FFFFFFF, 0xFFFFFFFF) that
    // damaged or anonymous files carry would make unrelated files one unit.
    if (typeof fid.serialNumber === 'number' && !NO_SERIAL.has(fid.serialNumber)) unitId = String(fid.serialNumber);
    else if (typeof fid.serialNumber === 'string' && fid.serialNumber.trim() !== '') unitId = fid.serialNumber.trim();
    for (const f of ['manufacturer', 'product', 'garminProduct', 'type']) if (fid[f] != null) info[f] = String(fid[f]);
    if (typeof fid.timeCreated === 'number') info['time created'] = new Date((fid.timeCreated + FIT_EPOCH_S) * 1000).toISOString();
  }
  const creator = (m.fileCreatorMesgs?.[0] ?? null) as AnyMesg | null;
  if (creator?.softwareVersion != null) info['software version'] = String(creator.softwareVersion);
  for (const d of (m.fieldDescriptionMesgs ?? []) as AnyMesg[]) {
    if (d.fieldName != null) devFields.add(d.units != null ? `${String(d.fieldName)} (${String(d.units)})` : String(d.fieldName));
  }
  for (const r of (m.recordMesgs ?? []) as AnyMesg[]) {
    const ts = r.timestamp;
    if (typeof ts !== 'number') {
      noTime++;
      continue;
    }
    const lat = typeof r.positionLat === 'number' ? r.positionLat * SEMICIRCLE_DEG : NaN;
    const lon = typeof r.positionLong === 'number' ? r.positionLong * SEMICIRCLE_DEG : NaN;
    const hasPos = !Number.isNaN(lat) && !Number.isNaN(lon);
    samples.push({
      t: (ts + FIT_EPOCH_S) * 1000,
      lat: hasPos ? lat : NaN,
      lon: hasPos ? lon : NaN,
      // The plain fields when present: same resolution, and the SDK's component expansion into
      // enhanced_speed truncates (a compressed 2.03 m/s comes out as 2.029).
      speed: num(r.speed ?? r.enhancedSpeed),
      alt: num(r.altitude ?? r.enhancedAltitude),
      dist: num(r.distance),
      hr: num(r.heartRate),
    });
  }
  for (const x of (m.sessionMesgs ?? []) as AnyMesg[]) sessions.push(totals(x));
  for (const x of (m.lapMesgs ?? []) as AnyMesg[]) laps.push(totals(x));
  if (segments.length > 1) counts['chained files'] = segments.length;
  counts['total messages'] = total;
  if (devFields.size > 0) info['developer fields'] = [...devFields].join(', ');
  if (noTime > 0) problems.push({ severity: 'warning', code: 'FIT_RECORD_NO_TIME', message: `${noTime} record message(s) have no timestamp and were skipped`, file, count: noTime });

  // ---- canonical streams
  const order = samples.map((s) => s.t);
  const idx = increasingTimeIndex(Float64Array.from(order), file, 'record', problems);
  const kept = idx === null ? samples : Array.from(idx, (i) => samples[i]);
  const g = kept.filter((s) => !Number.isNaN(s.lat) || !Number.isNaN(s.speed) || !Number.isNaN(s.dist));
  let gnss: GnssStream | null = null;
  if (g.length > 0) {
    const col = (f: (s: Sample) => number) => Float64Array.from(g, f);
    gnss = { t: col((s) => s.t), lat: col((s) => s.lat), lon: col((s) => s.lon), speed: col((s) => s.speed), hdop: new Float64Array(g.length).fill(NaN), sats: new Float64Array(g.length).fill(NaN), alt: col((s) => s.alt) };
    if (g.some((s) => !Number.isNaN(s.dist))) gnss.distance = col((s) => s.dist);
  }
  let hr: HrStream | null = null;
  const h = kept.filter((s) => !Number.isNaN(s.hr));
  if (h.some((s) => s.hr > 0)) {
    hr = { t: Float64Array.from(h, (s) => s.t), bpm: Float64Array.from(h, (s) => (s.hr > 0 ? s.hr : NaN)) };
  }
  if (!gnss && !hr) {
    throw new FormatError('NO_DATA', file, `no record messages with a position, speed, distance or heart rate (${total} message(s): ${Object.keys(counts).slice(0, 8).join(', ')})`, { offset: bytes[0] ?? 0 });
  }
  return { format: 'fit', source: file, unitId, gnss, imu: null, hr, problems, device: { info, sessions, laps, counts } };
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
}

function totals(x: AnyMesg): DeviceTotals {
  const t: DeviceTotals = { startMs: typeof x.startTime === 'number' ? (x.startTime + FIT_EPOCH_S) * 1000 : null };
  const set = (k: keyof DeviceTotals, v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v)) (t as unknown as Record<string, number>)[k] = v;
  };
  set('durationS', x.totalElapsedTime);
  set('timerS', x.totalTimerTime);
  set('distanceM', x.totalDistance);
  set('avgSpeedMs', x.avgSpeed ?? x.enhancedAvgSpeed);
  set('maxSpeedMs', x.maxSpeed ?? x.enhancedMaxSpeed);
  set('calories', x.totalCalories);
  set('avgHr', x.avgHeartRate);
  set('maxHr', x.maxHeartRate);
  set('minHr', x.minHeartRate);
  set('ascentM', x.totalAscent);
  set('descentM', x.totalDescent);
  if (typeof x.sport === 'string') t.sport = x.sport;
  return t;
}
