import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readGpx } from '../../../src/main/core/formats/gpx.reader.ts';
import { readTcx } from '../../../src/main/core/formats/tcx.reader.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';
import { errorOf } from '../../support/format-text.ts';

const skipNote = HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`;
const enc = (s: string) => new TextEncoder().encode(s);

describe('GPX reader (synthetic)', () => {
  const gpx11 = (pts: string) =>
    `<?xml version="1.0"?>\n<gpx version="1.1" creator="watch" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">\n<trk><trkseg>\n${pts}\n</trkseg><trkseg></trkseg></trk></gpx>`;

  it('reads Garmin TrackPointExtension heart rate under any prefix, and GPX 1.0 speed, hdop and sat', () => {
    const rec = readGpx(
      enc(
        gpx11(`<trkpt lat="51.5" lon="-0.1"><ele>12.5</ele><time>2026-03-14T15:00:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>141</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
<trkpt lat="51.50001" lon="-0.1"><time>2026-03-14T15:00:01.500Z</time><hdop>0.9</hdop><sat>9</sat><extensions><ns3:TrackPointExtension><ns3:hr>142</ns3:hr><ns3:speed>3.25</ns3:speed></ns3:TrackPointExtension></extensions></trkpt>`),
      ),
      { file: 'a.gpx' },
    );
    const g = rec.gnss!;
    expect(Array.from(g.t)).toEqual([Date.UTC(2026, 2, 14, 15, 0, 0), Date.UTC(2026, 2, 14, 15, 0, 1, 500)]);
    expect(g.alt[0]).toBe(12.5);
    expect(g.speed[1]).toBe(3.25);
    expect(g.hdop[1]).toBe(0.9);
    expect(g.sats[1]).toBe(9);
    expect(Array.from(rec.hr!.bpm)).toEqual([141, 142]);
    expect(rec.device!.counts).toMatchObject({ tracks: 1, segments: 2, 'empty segments': 1, 'track points': 2 });
  });

  it('no heart rate in the file means no HR stream; a time without a zone is read as UTC and said so', () => {
    const rec = readGpx(enc(gpx11('<trkpt lat="1" lon="2"><time>2026-03-14T15:00:00</time></trkpt>')), { file: 'b.gpx' });
    expect(rec.hr).toBeNull();
    expect(rec.gnss!.t[0]).toBe(Date.UTC(2026, 2, 14, 15));
    expect(rec.problems.map((p) => p.code)).toEqual(['TIME_NO_ZONE']);
  });

  it('broken XML is an error with its line; routes alone are refused as plans', () => {
    const broken = '<?xml version="1.0"?>\n<gpx version="1.1">\n<trk><trkseg>\n<trkpt lat="1" lon="2"></trkseg>\n</trk></gpx>';
    expect(errorOf(() => readGpx(enc(broken), { file: 'c.gpx' }))).toMatchObject({ code: 'XML_INVALID', line: 4 });
    const route = '<gpx version="1.1"><rte><rtept lat="1" lon="2"/></rte></gpx>';
    expect(errorOf(() => readGpx(enc(route), { file: 'd.gpx' })).message).toContain('plans, not recordings');
  });
});

/** Track points counted straight from the text, independently of the XML parser. */
function gpxPoints(text: string): { all: number; timed: number } {
  const pts = text.match(/<trkpt\b[^>]*\/>|<trkpt\b[\s\S]*?<\/trkpt>/g) ?? [];
  return { all: pts.length, timed: pts.filter((p) => /<time>\s*(19[89]\d|2\d{3})-/.test(p)).length };
}

describe.skipIf(!HAS_SHARED_DATA)(`GPX files from handheld loggers (gpx-gpxpy)${skipNote}`, () => {
  const read = (name: string) => {
    const bytes = readFileSync(sharedData('gpx-gpxpy', name));
    return { bytes, text: bytes.toString('utf8') };
  };

  for (const name of ['around-visnjan-with-car.gpx', 'cerknicko-jezero.gpx', 'korita-zbevnica.gpx', 'track-with-empty-segment.gpx']) {
    it(`${name}: every timed track point, no heart rate`, () => {
      const { bytes, text } = read(name);
      const rec = readGpx(bytes, { file: name });
      const n = gpxPoints(text);
      expect(rec.device!.counts['track points']).toBe(n.all);
      expect(rec.gnss!.t.length).toBe(n.timed);
      expect(rec.hr).toBeNull();
      const skipped = rec.problems.find((p) => p.code === 'GPX_NO_TIME');
      expect(skipped?.count ?? 0).toBe(n.all - n.timed);
    });
  }

  it('korita-zbevnica.gpx: 4 tracks (gpxpy), the second without times; the warning names the first untimed point and its line', () => {
    const { bytes, text } = read('korita-zbevnica.gpx');
    const rec = readGpx(bytes, { file: 'k.gpx' });
    expect(rec.device!.counts.tracks).toBe(4);
    const w = rec.problems.find((p) => p.code === 'GPX_NO_TIME')!;
    expect(w.count).toBeGreaterThan(0);
    // Found here by walking the <trkpt> elements: the first whose body has no <time>.
    const pts = [...text.matchAll(/<trkpt[\s>][\s\S]*?(?:<\/trkpt>|\/>)/g)];
    const k = pts.findIndex((m) => !/<time>/.test(m[0]));
    expect(w.line).toBe(text.slice(0, pts[k].index).split('\n').length);
    expect(w.message).toContain(`the first is track point ${k + 1}`);
  });

  it('track-with-empty-segment.gpx: the empty segment is counted and the points around it kept', () => {
    const rec = readGpx(read('track-with-empty-segment.gpx').bytes, { file: 'e.gpx' });
    expect(rec.device!.counts['empty segments']).toBe(1);
    expect(rec.gnss!.lat.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('Mojstrovka.gpx: every point carries 1901-12-13T20:45:52Z (the 32-bit time_t minimum), so no usable time', () => {
    const e = errorOf(() => readGpx(read('Mojstrovka.gpx').bytes, { file: 'Mojstrovka.gpx' }));
    expect(e.code).toBe('NO_DATA');
    expect(e.message).toContain('184 carry a time before 1980');
  });
});

describe('TCX reader (synthetic)', () => {
  it('TPX speed is m/s, not km/h; HeartRateBpm/Value; lap totals', () => {
    const xml = `<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
<Activities><Activity Sport="Other"><Lap StartTime="2026-03-14T15:00:00Z"><TotalTimeSeconds>10</TotalTimeSeconds><DistanceMeters>30.5</DistanceMeters><Calories>2</Calories>
<Track><Trackpoint><Time>2026-03-14T15:00:00Z</Time><Position><LatitudeDegrees>51.5</LatitudeDegrees><LongitudeDegrees>-0.1</LongitudeDegrees></Position><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>120</Value></HeartRateBpm><Extensions><ns3:TPX><ns3:Speed>4.5</ns3:Speed></ns3:TPX></Extensions></Trackpoint>
<Trackpoint><Time>2026-03-14T15:00:10Z</Time></Trackpoint></Track>
<Extensions><ns3:LX><ns3:Steps>17</ns3:Steps></ns3:LX></Extensions></Lap></Activity></Activities></TrainingCenterDatabase>`;
    const rec = readTcx(enc(xml), { file: 'a.tcx' });
    expect(rec.gnss!.speed[0]).toBe(4.5); // 4.5 m/s = 16.2 km/h: kept as m/s
    expect(rec.gnss!.t.length).toBe(1); // the time-only trackpoint has nothing to place
    expect(Array.from(rec.hr!.bpm)).toEqual([120]);
    expect(rec.device!.laps[0]).toMatchObject({ timerS: 10, distanceM: 30.5, calories: 2, steps: 17 });
    expect(rec.device!.counts.trackpoints).toBe(2);
  });

  it('trackpoints without a usable <Time>: skipped, counted, the first named with its line', () => {
    // Line 3: a timed point; line 4: no <Time>; line 5: a time before 1980; line 6: timed.
    const xml = `<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Other"><Lap StartTime="2026-03-14T15:00:00Z"><Track>
<Trackpoint><Time>2026-03-14T15:00:00Z</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>
<Trackpoint><HeartRateBpm><Value>121</Value></HeartRateBpm></Trackpoint>
<Trackpoint><Time>1970-01-01T00:00:00Z</Time><HeartRateBpm><Value>122</Value></HeartRateBpm></Trackpoint>
<Trackpoint><Time>2026-03-14T15:00:02Z</Time><HeartRateBpm><Value>123</Value></HeartRateBpm></Trackpoint>
</Track></Lap></Activity></Activities></TrainingCenterDatabase>`;
    const rec = readTcx(enc(xml), { file: 'b.tcx' });
    expect(Array.from(rec.hr!.bpm)).toEqual([120, 123]);
    expect(rec.problems.find((p) => p.code === 'TCX_NO_TIME')).toMatchObject({
      count: 2,
      line: 4,
      message: '2 of 4 trackpoint(s) have no usable <Time> (missing, unreadable or before 1980) and were skipped; the first is trackpoint 2',
    });
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`TCX from Garmin watches (tcx-tcxparser)${skipNote}`, () => {
  const tcx = (name: string) => readTcx(readFileSync(sharedData('tcx-tcxparser', name)), { file: name });
  const count = (name: string, re: RegExp) => (readFileSync(sharedData('tcx-tcxparser', name), 'utf8').match(re) ?? []).length;

  it('test.tcx (Forerunner 410): trackpoints, HR and the device totals tcxparser states', () => {
    const rec = tcx('test.tcx');
    const g = rec.gnss!;
    const h = rec.hr!;
    const d = rec.device!;
    expect(d.counts.trackpoints).toBe(count('test.tcx', /<Trackpoint>/g)); // 384
    expect(h.t.length).toBe(count('test.tcx', /<HeartRateBpm>/g)); // 383: the last trackpoint is time only
    expect(g.distance![g.t.length - 1]).toBe(4686.31103516); // distance: the last DistanceMeters
    expect(d.laps.reduce((a, l) => a + l.timerS!, 0)).toBeCloseTo(1992.78, 9); // duration: sum of laps
    expect(d.sessions[0].calories).toBe(379);
    const bpm = Array.from(h.bpm);
    expect(Math.trunc(bpm.reduce((a, b) => a + b, 0) / bpm.length)).toBe(156); // hr_avg = int(mean)
    expect(Math.max(...bpm)).toBe(189);
    expect(Math.min(...bpm)).toBe(60);
    expect([bpm[0], bpm[bpm.length - 1]]).toEqual([62, 180]);
    let up = 0;
    let down = 0;
    for (let i = 1; i < g.alt.length; i++) {
      const dz = g.alt[i] - g.alt[i - 1];
      if (dz > 0) up += dz;
      else down -= dz;
    }
    expect(up).toBeCloseTo(153.80981445, 6);
    expect(down).toBeCloseTo(166.307128903, 6);
    expect([g.lat[0], g.lon[0]]).toEqual([35.951880198, -79.0931872185]);
    expect(g.lat[g.lat.length - 1]).toBeCloseTo(35.9519544616, 9);
    expect(new Date(g.t[0]).toISOString()).toBe('2012-12-26T21:29:53.000Z');
    expect(rec.unitId).toBe('3854007508');
  });

  it('no_hr.tcx: no HR stream at all, not zeros', () => {
    const rec = tcx('no_hr.tcx');
    expect(rec.hr).toBeNull();
    expect(rec.gnss!.t.length).toBe(count('no_hr.tcx', /<Position>/g));
  });

  it('sup_activity_1.tcx (vivoactive, paddling): 491 steps, TPX speeds in m/s', () => {
    const rec = tcx('sup_activity_1.tcx');
    expect(rec.device!.sessions[0].steps).toBe(491);
    expect(rec.hr!.t.length).toBe(count('sup_activity_1.tcx', /<HeartRateBpm>/g));
    // The lap's MaximumSpeed (1.411 m/s) bounds every trackpoint speed: read as km/h they would not fit.
    const max = Math.max(...Array.from(rec.gnss!.speed).filter((v) => !Number.isNaN(v)));
    expect(max).toBeLessThanOrEqual(rec.device!.laps[0].maxSpeedMs!);
    expect(max).toBeGreaterThan(1);
  });
});
