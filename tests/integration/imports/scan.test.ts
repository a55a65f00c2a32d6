/**
 * imports:scan on a mixed set, through the real core and the real worker pool: a P1 file written
 * by encodeP1, the Player1 CSV sample layout, and real TCX / GPX / FIT / NMEA / Catapult files read
 * in place from the shared data. Every format, unit id, time range and count is checked against a
 * value known without our readers: what we wrote, the files' own text, the FIT SDK's record dump
 * and gpsd's decode (MANIFEST.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FileFinding, ScanResult } from '../../../src/shared/api/imports.contract.ts';
import type { EventPayloads } from '../../../src/shared/api/events.ts';
import { makeTempDir, startTestCore, type TestCore } from '../../support/core.ts';
import { SAMPLE_DIR } from '../../support/sample.ts';
import { P1_T0, writeP1 } from '../../support/p1-file.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';

const T0 = P1_T0;

describe('imports:scan of the Player1 formats (no shared data needed)', () => {
  let t: TestCore;
  let dir: string;
  let r: ScanResult;
  const events: { event: string; payload: unknown }[] = [];
  beforeAll(async () => {
    t = startTestCore();
    t.core.events.onAny((event, payload) => events.push({ event, payload }));
    dir = makeTempDir();
    mkdirSync(join(dir, 'pods'));
    writeP1(join(dir, 'pods', 'unit.p1'), 'P1-0042');
    writeFileSync(join(dir, 'pods', 'notes.txt'), 'kit list for Saturday\n');
    writeFileSync(join(dir, 'pods', '.DS_Store'), 'hidden');
    const s = await t.call('sessions:create', { name: 'scan', startMs: T0, endMs: T0 + 10_000 });
    r = await t.call('imports:scan', { sessionId: s.id, paths: [join(dir, 'pods'), SAMPLE_DIR] });
  });
  afterAll(() => t.close());

  const byName = (name: string): FileFinding => {
    const f = r.files.find((x) => x.sourceName === name);
    if (!f) throw new Error(`no finding for ${name} in ${r.files.map((x) => x.sourceName).join(', ')}`);
    return f;
  };

  it('P1: format, unit id from the file, time range, counts, rates, overlap with the window', () => {
    const f = byName('pods/unit.p1');
    expect(f.format?.id).toBe('p1');
    expect(f).toMatchObject({ unitId: 'P1-0042', unitSource: 'file', knownUnit: null, suggestion: null, error: null, stage: 'done' });
    expect(f.streams.gnss).toEqual({ samples: 50, firstMs: T0, lastMs: T0 + 4900, rateHz: 10 });
    expect(f.streams.imu).toEqual({ samples: 500, firstMs: T0, lastMs: T0 + 4990, rateHz: 100 });
    expect(f.streams.hr).toBeNull();
    expect([f.firstMs, f.lastMs]).toEqual([T0, T0 + 4990]);
    // 4.99 s of a 10 s window.
    expect(f.overlap).toEqual({ seconds: 4.99, fraction: 0.499 });
    expect(f.size).toBe(readFileSync(join(dir, 'pods', 'unit.p1')).length);
  });

  it('the Player1 CSV layout: every unit folder, named by meta.csv, counts from the files themselves', () => {
    const meta = readFileSync(join(SAMPLE_DIR, 'meta.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(r.layouts).toEqual([{ folder: basename(SAMPLE_DIR), metaFile: 'meta.csv', units: meta.length }]);
    for (const [dev, name, position] of meta) {
      for (const [file, format, stream] of [
        ['gps.csv', 'player1-gps-csv', 'gnss'],
        ['imu.csv', 'player1-imu-csv', 'imu'],
      ] as const) {
        const f = byName(`${basename(SAMPLE_DIR)}/${dev}/${file}`);
        const lines = readFileSync(join(SAMPLE_DIR, dev, file), 'utf8').trim().split('\n');
        expect(f.format?.id).toBe(format);
        expect(f).toMatchObject({ unitId: dev, unitSource: 'layout', suggestion: { kind: 'new', name, position, why: 'layout' } });
        expect(f.streams[stream]).toMatchObject({
          samples: lines.length - 1,
          firstMs: Number(lines[1].split(',')[0]),
          lastMs: Number(lines.at(-1)!.split(',')[0]),
        });
      }
    }
    // The sample's 10 Hz GNSS and 100 Hz IMU (steps of 100 and 10 ms).
    expect(byName(`${basename(SAMPLE_DIR)}/P1-1001/gps.csv`).streams.gnss?.rateHz).toBe(10);
    expect(byName(`${basename(SAMPLE_DIR)}/P1-1001/imu.csv`).streams.imu?.rateHz).toBe(100);
  });

  it('lists what is not data (the layout metadata, a text file) and leaves hidden files alone', () => {
    expect(r.skipped.map((s) => s.sourceName).sort()).toEqual(['pods/notes.txt', `${basename(SAMPLE_DIR)}/meta.csv`].sort());
    expect(r.skipped.find((s) => s.sourceName === 'pods/notes.txt')?.reason).toMatch(/not a format this app reads/);
    expect(r.files.some((f) => f.sourceName.includes('.DS_Store'))).toBe(false);
  });

  it('pushes each file queued, reading (when a worker takes it), done, and its finding; done reaches the total', () => {
    const mine = events.filter((e) => (e.payload as { scanId: string }).scanId === r.scanId);
    const progress = mine.filter((e) => e.event === 'imports:progress').map((e) => e.payload as EventPayloads['imports:progress']);
    const found = mine.filter((e) => e.event === 'imports:found').map((e) => (e.payload as EventPayloads['imports:found']).finding);
    const total = r.files.length + 1; // notes.txt was scanned too, then skipped
    expect(progress.filter((p) => p.stage === 'queued')).toHaveLength(total);
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(Math.max(...progress.map((p) => p.done))).toBe(total);
    expect(progress.filter((p) => p.stage === 'skipped').map((p) => p.sourceName)).toEqual(['pods/notes.txt']);
    expect(found.map((f) => f.fileId).sort()).toEqual(r.files.map((f) => f.fileId).sort());
    for (const f of r.files) expect(progress.filter((p) => p.fileId === f.fileId).map((p) => p.stage)).toEqual(['queued', 'reading', 'done']);
  });

  it('refuses an unknown session and paths that do not exist', async () => {
    expect((await t.raw('imports:scan', { sessionId: 'nope', paths: [SAMPLE_DIR] })).ok).toBe(false);
    const s = await t.call('sessions:create', { name: 'x', startMs: T0, endMs: T0 + 1000 });
    const missing = await t.raw('imports:scan', { sessionId: s.id, paths: [join(dir, 'gone')] });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await t.raw('imports:scan', { sessionId: s.id, paths: [SAMPLE_DIR], timeZone: 'Mars/Olympus' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a second scan with the id of one still running is refused; the first keeps its own files', async () => {
    const s = await t.call('sessions:create', { name: 'same id', startMs: T0, endMs: T0 + 1000 });
    const scanId = '11111111-1111-4111-8111-111111111111';
    const [a, b] = await Promise.all([
      t.raw('imports:scan', { sessionId: s.id, scanId, paths: [join(dir, 'pods', 'unit.p1')] }),
      t.raw('imports:scan', { sessionId: s.id, scanId, paths: [SAMPLE_DIR] }),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `scan ${scanId} exists already` } });
    // A commit of the scan's first file links the first scan's P1 file, not one of the sample folder's.
    const c = await t.call('imports:commit', { sessionId: s.id, scanId, files: [{ fileId: 'f1', deviceId: 'P1-0042', player: { newPlayer: { name: 'Gus' } } }] });
    expect(c.files.map((f) => f.sourceName)).toEqual(['unit.p1']);
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`imports:scan of real device files${HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`}`, () => {
  let t: TestCore;
  let r: ScanResult;
  const files = {
    tcx: sharedData('tcx-tcxparser', 'test.tcx'),
    fit: sharedData('fit-fitparse', 'garmin-fenix-5-run.fit'),
    fitRecords: sharedData('fit-fitparse', 'garmin-fenix-5-run-records.csv'),
    badFit: sharedData('fit-fitparse', 'activity-filecrc.fit'),
    nmea: sharedData('nmea-gpsd', 'bu353s4.log'),
    garbage: sharedData('nmea-gpsd', 'skytraq-err.log'),
    catapult: sharedData('catapult-10hz-ssg', 'U18_ID1.csv'),
    gpxFolder: sharedData('gpx-gpxpy'),
    unsetClock: sharedData('fit-fitparse', 'compressed-speed-distance.fit'),
    unsetClockRecords: sharedData('fit-fitparse', 'compressed-speed-distance-records.csv'),
  };
  beforeAll(async () => {
    t = startTestCore();
    const s = await t.call('sessions:create', { name: 'real', startMs: T0, endMs: T0 + 60_000 });
    r = await t.call('imports:scan', {
      sessionId: s.id,
      paths: [files.tcx, files.fit, files.badFit, files.nmea, files.garbage, files.catapult, files.gpxFolder, files.unsetClock],
      timeZone: 'Europe/Madrid',
    });
  });
  afterAll(() => t.close());
  const byName = (name: string) => r.files.find((f) => f.sourceName === name)!;

  it('TCX: unit from <UnitId>, positioned trackpoints and their first/last <Time> counted in the text', () => {
    const text = readFileSync(files.tcx, 'utf8');
    const points = [...text.matchAll(/<Trackpoint>([\s\S]*?)<\/Trackpoint>/g)].map((m) => m[1]);
    const placed = points.filter((p) => p.includes('<Position>'));
    const times = placed.map((p) => Date.parse(/<Time>([^<]+)<\/Time>/.exec(p)![1]));
    const f = byName('test.tcx');
    expect(f.format?.id).toBe('tcx');
    expect(f).toMatchObject({ unitId: /<UnitId>(\d+)<\/UnitId>/.exec(text)![1], unitSource: 'file' });
    expect(f.streams.gnss).toMatchObject({ samples: placed.length, firstMs: times[0], lastMs: times.at(-1) });
    expect(f.streams.hr?.samples).toBe(points.filter((p) => p.includes('<HeartRateBpm>')).length);
    expect(f.overlap).toEqual({ seconds: 0, fraction: 0 });
  });

  it("FIT: the SDK's record dump gives the count and the times (printed in PDT, UTC-7)", () => {
    const rows = readFileSync(files.fitRecords, 'utf8').trim().split('\n').slice(1);
    const utc = (row: string) => {
      const m = /^\w+ (\w+) (\d+) (\d+):(\d+):(\d+) PDT (\d+)/.exec(row)!;
      const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[1]);
      return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]) + 7, Number(m[4]), Number(m[5]));
    };
    const f = byName('garmin-fenix-5-run.fit');
    expect(f.format?.id).toBe('fit');
    expect(f.unitSource).toBe('file');
    expect(f.streams.gnss).toMatchObject({ samples: rows.length, firstMs: utc(rows[0]), lastMs: utc(rows.at(-1)!) });
    expect(f.streams.hr?.samples).toBe(rows.filter((x) => x.split(',')[1] !== '').length);
  });

  it("NMEA: one fix per gpsd TPV with a time and mode >= 2; no unit id in NMEA, so the file's name", () => {
    const tpv = readFileSync(`${files.nmea}.chk`, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{"class":"TPV"'))
      .map((l) => JSON.parse(l) as { time?: string; mode: number })
      .filter((x) => x.time && x.mode >= 2)
      .map((x) => Date.parse(x.time!));
    const f = byName('bu353s4.log');
    expect(f.format?.id).toBe('nmea');
    expect(f).toMatchObject({ unitId: 'bu353s4', unitSource: 'name' });
    expect(f.streams.gnss).toMatchObject({ samples: new Set(tpv).size, firstMs: Math.min(...tpv), lastMs: Math.max(...tpv), rateHz: 1 });
    expect(f.options.referenceMs).toBe(r.referenceMs);
  });

  it('Catapult raw: a local-clock unit is read in the zone given (Madrid, UTC+1 in November) and says so', () => {
    const lines = readFileSync(files.catapult, 'utf8').trim().split('\n');
    // Excel serial day 44519 is 2021-11-19 (MANIFEST); the fraction is the time of day on the unit's clock.
    const local = (line: string) => {
      const serial = Number(line.split(',')[0]);
      expect(Math.floor(serial)).toBe(44519);
      return Date.UTC(2021, 10, 19) + Math.round((serial - 44519) * 86_400_000);
    };
    const f = byName('U18_ID1.csv');
    expect(f.format?.id).toBe('catapult-raw-csv');
    expect(f).toMatchObject({ localClock: true, options: { timeZone: 'Europe/Madrid' }, unitId: 'U18_ID1', unitSource: 'name' });
    expect(f.streams.gnss).toMatchObject({ samples: 35128, firstMs: local(lines[1]) - 3600_000, lastMs: local(lines.at(-1)!) - 3600_000, rateHz: 10 });
    expect(f.problems.map((p) => p.code)).not.toContain('LOCAL_TIME_AS_UTC');
  });

  it('a damaged FIT is an error at its byte, offered to be read anyway; garbage NMEA names its line', () => {
    const bad = byName('activity-filecrc.fit');
    // The file CRC is the last two bytes of the file.
    expect(bad.error).toMatchObject({ code: 'FIT_CRC', offset: readFileSync(files.badFit).length - 2 });
    expect(bad.error?.message).toContain('activity-filecrc.fit at byte');
    expect(bad).toMatchObject({ stage: 'failed', canIgnoreChecksums: true, unitId: null, format: { id: 'fit' } });
    const junk = byName('skytraq-err.log');
    expect(junk.error?.code).toBe('NMEA_NO_VALID_SENTENCES');
    expect(junk.error?.line).toBeGreaterThan(0);
    expect(junk.error?.message).toMatch(/^skytraq-err\.log line \d+:/);
    expect(junk.canIgnoreChecksums).toBe(false);
  });

  it("a unit whose clock was never set (a FIT dated 1990) is an error naming the file, its times and what to do", () => {
    // The FIT SDK's dump prints the raw FIT times: seconds since 1989-12-31T00:00Z (MANIFEST.md).
    const raw = readFileSync(files.unsetClockRecords, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    const at = (s: number) => new Date(Date.UTC(1989, 11, 31) + s * 1000).toISOString().slice(0, 16).replace('T', ' ');
    expect([at(raw[0]), at(raw.at(-1)!)]).toEqual(['1990-07-18 06:44', '1990-07-18 07:49']);
    const f = byName('compressed-speed-distance.fit');
    expect(f).toMatchObject({ stage: 'failed', format: { id: 'fit' }, canIgnoreChecksums: false, error: { code: 'TIME_OUT_OF_RANGE', line: null, offset: null } });
    expect(f.error!.message).toBe(
      `compressed-speed-distance.fit: its times run from ${at(raw[0])} to ${at(raw.at(-1)!)} UTC, before 2000: the unit's clock was probably not set when it recorded. ` +
        "A session holds times from 2000 to 2099, so this file cannot be processed: set the unit's clock before it records (sync it with its app or computer, or let it find GPS first)",
    );
    // What was read is still shown (the times are the evidence).
    expect(f.streams.gnss?.samples).toBe(raw.length);
  });

  it('a folder is walked: its tracks are found, its licence is listed as not data, a track without times is an error', () => {
    const gpx = r.files.filter((f) => f.sourceName.startsWith('gpx-gpxpy/'));
    expect(gpx.map((f) => f.sourceName).sort()).toEqual(
      ['Mojstrovka.gpx', 'around-visnjan-with-car.gpx', 'cerknicko-jezero.gpx', 'korita-zbevnica.gpx', 'track-with-empty-segment.gpx'].map((n) => `gpx-gpxpy/${n}`).sort(),
    );
    expect(r.skipped.map((s) => s.sourceName)).toContain('gpx-gpxpy/LICENSE.txt');
    const text = readFileSync(sharedData('gpx-gpxpy', 'track-with-empty-segment.gpx'), 'utf8');
    const times = [...text.matchAll(/<time>([^<]+)<\/time>/g)].map((m) => Date.parse(m[1]));
    const f = byName('gpx-gpxpy/track-with-empty-segment.gpx');
    expect(f.format?.id).toBe('gpx');
    expect(f.streams.gnss).toMatchObject({ samples: (text.match(/<trkpt/g) ?? []).length, firstMs: times[0], lastMs: times.at(-1) });
    // At the top of the chosen folder, a file's folder says nothing about whose it is: its name is the unit.
    expect(f).toMatchObject({ unitId: 'track-with-empty-segment', unitSource: 'name' });
    expect(byName('gpx-gpxpy/Mojstrovka.gpx').error?.code).toBe('NO_DATA');
  });
});
