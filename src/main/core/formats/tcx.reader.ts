/**
 * Garmin Training Center TCX (v2): Activity/Lap/Track/Trackpoint.
 * Trackpoint: Time, Position (LatitudeDegrees, LongitudeDegrees), AltitudeMeters, DistanceMeters
 * (the device's odometer), HeartRateBpm/Value, and the ActivityExtension TPX <Speed>, which is in
 * m/s (a well-known trap is to read it as km/h). Laps give the device's own totals (time,
 * distance, calories, HR, steps from the LX extension). No HeartRateBpm anywhere means no HR
 * stream, never zeros.
 */
import type { DeviceTotals, GnssStream, HrStream, Problem, Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { increasingTimeIndex } from './time-order.ts';
import { GPS_EPOCH_MS, sniffXmlRoot } from './gpx.reader.ts';
import { child, findText, isoToMs, kids, lineOfTag, num, parseXml, text } from './xml-doc.ts';

const ARRAYS = new Set(['Activity', 'Lap', 'Track', 'Trackpoint']);

export const tcxReader: FormatReader = {
  id: 'tcx',
  label: 'Garmin TCX',
  extensions: ['tcx'],
  sniff: (head) => sniffXmlRoot(head, /<(?:[A-Za-z0-9_]+:)?TrainingCenterDatabase[\s>]/),
  read: (bytes: Uint8Array, ctx: ReadContext) => readTcx(bytes, ctx),
};

interface Point {
  t: number;
  lat: number;
  lon: number;
  alt: number;
  dist: number;
  speed: number;
  hr: number;
}

export function readTcx(bytes: Uint8Array, ctx: ReadContext): Recording {
  const file = ctx.file;
  const doc = parseXml(bytes, file, ARRAYS, 'TCX');
  const root = child(doc, 'TrainingCenterDatabase');
  if (!root) throw new FormatError('TCX_ROOT', file, 'no <TrainingCenterDatabase> root element', { line: 1 });
  const problems: Problem[] = [];
  let noZone = 0;
  const points: Point[] = [];
  const laps: DeviceTotals[] = [];
  const info: Record<string, string> = {};
  let total = 0;
  let noTime = 0;
  let firstNoTime = -1;
  let unitId: string | null = null;
  const activities = kids(child(root, 'Activities'), 'Activity');
  for (const act of activities) {
    const sport = text(act, '@_Sport');
    if (sport && !info.sport) info.sport = sport;
    const creator = child(act, 'Creator');
    if (creator) {
      const name = text(creator, 'Name');
      if (name && !info.device) info.device = name;
      const uid = text(creator, 'UnitId');
      if (uid && unitId === null) unitId = uid;
    }
    for (const lap of kids(act, 'Lap')) {
      const lt: DeviceTotals = { startMs: isoToMs(text(lap, '@_StartTime'), () => noZone++) };
      if (Number.isNaN(lt.startMs)) lt.startMs = null;
      const set = (k: keyof DeviceTotals, v: number) => {
        if (!Number.isNaN(v)) (lt as unknown as Record<string, number>)[k] = v;
      };
      set('timerS', num(text(lap, 'TotalTimeSeconds')));
      set('distanceM', num(text(lap, 'DistanceMeters')));
      set('maxSpeedMs', num(text(lap, 'MaximumSpeed')));
      set('calories', num(text(lap, 'Calories')));
      set('avgHr', num(text(child(lap, 'AverageHeartRateBpm'), 'Value')));
      set('maxHr', num(text(child(lap, 'MaximumHeartRateBpm'), 'Value')));
      const lx = child(lap, 'Extensions');
      set('avgSpeedMs', num(findText(lx, ['AvgSpeed'])));
      set('steps', num(findText(lx, ['Steps'])));
      if (sport) lt.sport = sport;
      laps.push(lt);
      for (const track of kids(lap, 'Track')) {
        for (const tp of kids(track, 'Trackpoint')) {
          const i = total++;
          const t = isoToMs(text(tp, 'Time'), () => noZone++);
          if (Number.isNaN(t) || t < GPS_EPOCH_MS) {
            if (firstNoTime < 0) firstNoTime = i;
            noTime++;
            continue;
          }
          const pos = child(tp, 'Position');
          let lat = num(text(pos, 'LatitudeDegrees'));
          let lon = num(text(pos, 'LongitudeDegrees'));
          if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
            lat = NaN;
            lon = NaN;
          }
          points.push({
            t,
            lat,
            lon,
            alt: num(text(tp, 'AltitudeMeters')),
            dist: num(text(tp, 'DistanceMeters')),
            speed: num(findText(child(tp, 'Extensions'), ['Speed'])), // m/s
            hr: num(text(child(tp, 'HeartRateBpm'), 'Value')),
          });
        }
      }
    }
  }
  if (noTime > 0) {
    problems.push({ severity: 'warning', code: 'TCX_NO_TIME', message: `${noTime} of ${total} trackpoint(s) have no usable <Time> (missing, unreadable or before 1980) and were skipped; the first is trackpoint ${firstNoTime + 1}`, file, count: noTime, line: lineOfTag(bytes, 'Trackpoint', firstNoTime) });
  }
  if (noZone > 0) problems.push({ severity: 'info', code: 'TIME_NO_ZONE', message: `${noZone} time(s) have no time zone designator; read as UTC (as TCX requires)`, file, count: noZone });
  if (points.length === 0) throw new FormatError('NO_DATA', file, `no timed trackpoints (${activities.length} activity(ies), ${laps.length} lap(s), ${total} trackpoint(s))`, { line: lineOfTag(bytes, 'Trackpoint', 0) ?? lineOfTag(bytes, 'TrainingCenterDatabase', 0) ?? 1 });

  const order = increasingTimeIndex(Float64Array.from(points, (p) => p.t), file, 'trackpoint', problems);
  const kept = order === null ? points : Array.from(order, (i) => points[i]);
  const g = kept.filter((p) => !Number.isNaN(p.lat) || !Number.isNaN(p.dist) || !Number.isNaN(p.speed));
  let gnss: GnssStream | null = null;
  if (g.length > 0) {
    const col = (f: (p: Point) => number) => Float64Array.from(g, f);
    gnss = {
      t: col((p) => p.t),
      lat: col((p) => p.lat),
      lon: col((p) => p.lon),
      speed: col((p) => p.speed),
      hdop: new Float64Array(g.length).fill(NaN),
      sats: new Float64Array(g.length).fill(NaN),
      alt: col((p) => p.alt),
    };
    if (g.some((p) => !Number.isNaN(p.dist))) gnss.distance = col((p) => p.dist);
  }
  const h = kept.filter((p) => !Number.isNaN(p.hr));
  let hr: HrStream | null = null;
  if (h.some((p) => p.hr > 0)) hr = { t: Float64Array.from(h, (p) => p.t), bpm: Float64Array.from(h, (p) => (p.hr > 0 ? p.hr : NaN)) };
  if (!gnss && !hr) throw new FormatError('NO_DATA', file, 'no trackpoint has a position, distance, speed or heart rate', { line: lineOfTag(bytes, 'Trackpoint', 0) ?? 1 });

  // The activity as a whole, from its laps (TCX has no session element).
  const sum = (k: keyof DeviceTotals) => {
    const v = laps.map((l) => l[k]).filter((x): x is number => typeof x === 'number');
    return v.length > 0 ? v.reduce((a, b) => a + b, 0) : undefined;
  };
  const maxOf = (k: keyof DeviceTotals) => {
    const v = laps.map((l) => l[k]).filter((x): x is number => typeof x === 'number');
    return v.length > 0 ? Math.max(...v) : undefined;
  };
  const session: DeviceTotals = { startMs: laps[0]?.startMs ?? null };
  for (const [k, v] of [
    ['timerS', sum('timerS')],
    ['distanceM', sum('distanceM')],
    ['calories', sum('calories')],
    ['steps', sum('steps')],
    ['maxSpeedMs', maxOf('maxSpeedMs')],
    ['maxHr', maxOf('maxHr')],
  ] as const) {
    if (v !== undefined) (session as unknown as Record<string, number>)[k] = v;
  }
  if (info.sport) session.sport = info.sport;
  return {
    format: 'tcx',
    source: file,
    unitId,
    gnss,
    imu: null,
    hr,
    problems,
    device: { info, sessions: laps.length > 0 ? [session] : [], laps, counts: { activities: activities.length, laps: laps.length, trackpoints: total } },
  };
}
