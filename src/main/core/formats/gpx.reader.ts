/**
 * GPX 1.0 and 1.1 tracks (watches, phone apps, handheld loggers).
 * trk/trkseg/trkpt: lat, lon (attributes), time, ele, hdop, sat; speed from GPX 1.0 <speed> or a
 * TrackPointExtension <speed> (m/s); heart rate from Garmin's TrackPointExtension <hr> (or a
 * <heartrate> extension), matched by local name whatever the namespace prefix. Points without a
 * time cannot be placed and are skipped with a warning; empty segments are fine. No heart rate in
 * the file means no HR stream (never zeros). Routes and waypoints are plans, not recordings.
 */
import type { GnssStream, HrStream, Problem, Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { increasingTimeIndex } from './time-order.ts';
import { headLines, looksLikeText } from './text-head.ts';
import { child, findText, isoToMs, kids, lineOfTag, num, parseXml, text } from './xml-doc.ts';

const ARRAYS = new Set(['trk', 'trkseg', 'trkpt', 'rte', 'wpt']);
/** 1980-01-06, the start of GPS time: no GNSS fix is older. Converters write 1901-12-13T20:45:52Z (the 32-bit time_t minimum) or 1970 for "no time". */
export const GPS_EPOCH_MS = Date.UTC(1980, 0, 6);

export function sniffXmlRoot(head: Uint8Array, root: RegExp): number {
  if (!looksLikeText(head)) return 0;
  const start = headLines(head, 40).join('\n');
  return root.test(start) ? 0.95 : 0;
}

export const gpxReader: FormatReader = {
  id: 'gpx',
  label: 'GPX track',
  extensions: ['gpx'],
  sniff: (head) => sniffXmlRoot(head, /<(?:[A-Za-z0-9_]+:)?gpx[\s>]/),
  read: (bytes: Uint8Array, ctx: ReadContext) => readGpx(bytes, ctx),
};

interface Point {
  t: number;
  lat: number;
  lon: number;
  ele: number;
  speed: number;
  hdop: number;
  sat: number;
  hr: number;
}

export function readGpx(bytes: Uint8Array, ctx: ReadContext): Recording {
  const file = ctx.file;
  const doc = parseXml(bytes, file, ARRAYS, 'GPX');
  const gpx = child(doc, 'gpx');
  if (!gpx) throw new FormatError('GPX_ROOT', file, 'no <gpx> root element', { line: 1 });
  const problems: Problem[] = [];
  let noZone = 0;
  const points: Point[] = [];
  let tracks = 0;
  let segments = 0;
  let empty = 0;
  let total = 0;
  let noTime = 0;
  let preGps = 0;
  let badPos = 0;
  let firstBad = -1;
  let firstNoTime = -1;
  for (const trk of kids(gpx, 'trk')) {
    tracks++;
    for (const seg of kids(trk, 'trkseg')) {
      segments++;
      const pts = kids(seg, 'trkpt');
      if (pts.length === 0) empty++;
      for (const p of pts) {
        const i = total++;
        const t = isoToMs(text(p, 'time'), () => noZone++);
        if (Number.isNaN(t) || t < GPS_EPOCH_MS) {
          if (t < GPS_EPOCH_MS) preGps++;
          if (firstNoTime < 0) firstNoTime = i;
          noTime++;
          continue;
        }
        let lat = num(text(p, '@_lat'));
        let lon = num(text(p, '@_lon'));
        if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
          badPos++;
          if (firstBad < 0) firstBad = i;
          lat = NaN;
          lon = NaN;
        }
        const ext = child(p, 'extensions');
        points.push({
          t,
          lat,
          lon,
          ele: num(text(p, 'ele')),
          speed: num(text(p, 'speed') ?? findText(ext, ['speed'])),
          hdop: num(text(p, 'hdop')),
          sat: num(text(p, 'sat')),
          hr: num(findText(ext, ['hr', 'heartrate'])),
        });
      }
    }
  }
  const pre = preGps > 0 ? ` (${preGps} carry a time before 1980, the start of GPS time: a converter's placeholder for "no time")` : '';
  if (noTime > 0 && points.length > 0) {
    problems.push({ severity: 'warning', code: 'GPX_NO_TIME', message: `${noTime} of ${total} track point(s) have no usable <time> and were skipped${pre}; the first is track point ${firstNoTime + 1}`, file, count: noTime, line: lineOfTag(bytes, 'trkpt', firstNoTime) });
  }
  if (badPos > 0) problems.push({ severity: 'warning', code: 'GNSS_RANGE', message: `${badPos} track point(s) have a missing or impossible lat/lon; kept without a position`, file, count: badPos, line: lineOfTag(bytes, 'trkpt', firstBad) });
  if (noZone > 0) problems.push({ severity: 'info', code: 'TIME_NO_ZONE', message: `${noZone} time(s) have no time zone designator; read as UTC (as GPX requires)`, file, count: noZone });
  if (tracks === 0) {
    const plans = kids(gpx, 'rte').length + kids(gpx, 'wpt').length;
    throw new FormatError('NO_DATA', file, plans > 0 ? 'no track (<trk>) in this GPX: it holds routes or waypoints, which are plans, not recordings' : 'no track (<trk>) in this GPX', { line: lineOfTag(bytes, 'gpx', 0) ?? 1 });
  }
  if (points.length === 0) throw new FormatError('NO_DATA', file, `no timed track points: ${total} point(s) in ${segments} segment(s) (${empty} empty), none with a usable time${pre}`, { line: lineOfTag(bytes, 'trkpt', 0) ?? lineOfTag(bytes, 'trk', 0) ?? 1 });

  const order = increasingTimeIndex(Float64Array.from(points, (p) => p.t), file, 'track point', problems);
  const kept = order === null ? points : Array.from(order, (i) => points[i]);
  const g = kept.filter((p) => !Number.isNaN(p.lat));
  let gnss: GnssStream | null = null;
  if (g.length > 0) {
    const col = (f: (p: Point) => number) => Float64Array.from(g, f);
    gnss = { t: col((p) => p.t), lat: col((p) => p.lat), lon: col((p) => p.lon), speed: col((p) => p.speed), hdop: col((p) => p.hdop), sats: col((p) => p.sat), alt: col((p) => p.ele) };
  }
  const h = kept.filter((p) => !Number.isNaN(p.hr));
  let hr: HrStream | null = null;
  if (h.some((p) => p.hr > 0)) hr = { t: Float64Array.from(h, (p) => p.t), bpm: Float64Array.from(h, (p) => (p.hr > 0 ? p.hr : NaN)) };
  if (!gnss && !hr) throw new FormatError('NO_DATA', file, 'no track point has a position or a heart rate', { line: lineOfTag(bytes, 'trkpt', 0) ?? 1 });

  const info: Record<string, string> = {};
  const creator = text(gpx, '@_creator');
  if (creator) info.creator = creator;
  const version = text(gpx, '@_version');
  if (version) info['GPX version'] = version;
  const name = text(child(gpx, 'metadata'), 'name') ?? text(gpx, 'name') ?? text(kids(gpx, 'trk')[0], 'name');
  if (name) info.name = name;
  return {
    format: 'gpx',
    source: file,
    unitId: null,
    gnss,
    imu: null,
    hr,
    problems,
    device: { info, sessions: [], laps: [], counts: { tracks, segments, 'empty segments': empty, 'track points': total } },
  };
}
