/**
 * A watch whose first points are dated 1990 (its clock set only once it found GPS), through the
 * app's import and Process Report: the file is imported and processed from its first dated point,
 * the scan and the result say how many points were left out and why. Before, the whole file was
 * refused (its times did not fit a session).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, startTestCore, type TestCore } from '../../support/core.ts';

const T0 = Date.UTC(2026, 2, 14, 15, 0, 0);

describe('a watch whose first points predate its clock being set', () => {
  let t: TestCore;
  let path: string;
  beforeAll(() => {
    const dir = makeTempDir('p1-unset-clock-');
    // 5 points at 1989-12-31 00:00:0x, then 120 at 1 Hz from 15:00 on 14 March 2026, jogging north at ~3 m/s.
    const pts = [
      ...Array.from({ length: 5 }, (_, i) => `<trkpt lat="51.50000" lon="-0.1"><time>1989-12-31T00:00:0${i}Z</time></trkpt>`),
      ...Array.from({ length: 120 }, (_, i) => `<trkpt lat="${(51.5 + i * 2.7e-5).toFixed(6)}" lon="-0.1"><time>${new Date(T0 + i * 1000).toISOString()}</time></trkpt>`),
    ];
    path = join(dir, 'watch.gpx');
    writeFileSync(path, `<?xml version="1.0"?>\n<gpx version="1.1" creator="watch" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>\n${pts.join('\n')}\n</trkseg></trk></gpx>\n`);
    t = startTestCore();
  });
  afterAll(() => t.close());

  it('is imported from its first dated point, the points before it named in a warning, and processed', async () => {
    const s = await t.call('sessions:create', { name: 'clock', startMs: T0, endMs: T0 + 120_000 });
    const scan = await t.call('imports:scan', { sessionId: s.id, paths: [path] });
    const [f] = scan.files;
    expect(f.error).toBeNull();
    expect(f.streams.gnss).toMatchObject({ samples: 120, firstMs: T0, lastMs: T0 + 119_000 });
    expect(f.problems.map((p) => p.message)).toContain("5 GNSS sample(s) at the start, dated 1989-12-31 00:00 UTC (before the unit's clock was set), were left out; its data runs from 2026-03-14 15:00 UTC");
    await t.call('imports:commit', { sessionId: s.id, scanId: scan.scanId, files: [{ fileId: f.fileId, deviceId: f.unitId!, player: { newPlayer: { name: 'Jo', position: '' } } }] });
    await t.call('jobs:start', { sessionId: s.id });
    await t.core.jobs.whenIdle(s.id);
    const r = await t.call('results:list', { sessionId: s.id });
    // 119 steps of 2.7e-5° of latitude: 119 × 3.0 m ≈ 357 m (R · Δφ, 6 371 008.8 m × 2.7e-5 × π / 180 = 3.002 m).
    expect(r.players[0].metrics.distance_m).toBeCloseTo(119 * 6_371_008.8 * 2.7e-5 * (Math.PI / 180), 0);
    expect(r.players[0].notes.some((n) => n.includes('5 GNSS sample(s) at the start'))).toBe(true);
  });
});
