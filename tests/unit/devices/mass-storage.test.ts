/**
 * Mass-storage units with temp folders standing in for mount roots: a new volume is detected,
 * only supported files overlapping the session window are copied (file times as the fallback
 * time range), and removing the volume detaches it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceService } from '../../../src/main/core/devices/device-service.ts';
import { unavailableUsb } from '../../../src/main/core/devices/discovery/usb.adapter.ts';
import { findSupportedFiles } from '../../../src/main/core/devices/drivers/mass-storage.driver.ts';
import type { DeviceInfo } from '../../../src/main/core/devices/types.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const SESSION = Date.UTC(2026, 5, 1, 10, 0, 0);
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

async function file(path: string, content: string, mtimeMs: number): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  await utimes(path, mtimeMs / 1000, mtimeMs / 1000);
}

describe('mass-storage volumes', () => {
  it('finds supported files by extension and location', async () => {
    const root = await mkdtemp(join(tmpdir(), 'vol-'));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    await file(join(root, 'Garmin/Activities/a.FIT'), 'fit', SESSION);
    await file(join(root, 'Garmin/Settings/settings.fit'), 'no', SESSION);
    await file(join(root, 'tracks/run.gpx'), 'gpx', SESSION);
    await file(join(root, 'x.tcx'), 'tcx', SESSION);
    await file(join(root, 'log/gps.nmea'), 'n', SESSION);
    await file(join(root, 'unit.p1'), 'p', SESSION);
    await file(join(root, 'export.csv'), 'c', SESSION);
    await file(join(root, 'readme.txt'), 't', SESSION);
    await file(join(root, '.hidden/y.gpx'), 'h', SESSION);
    const found = await findSupportedFiles(root);
    expect(found.map((f) => `${f.kind}:${f.rel}`)).toEqual([
      'csv:export.csv', 'fit:Garmin/Activities/a.FIT', 'nmea:log/gps.nmea', 'gpx:tracks/run.gpx', 'p1:unit.p1', 'tcx:x.tcx',
    ]);
  });

  it('detects a new volume, copies the files overlapping the window, and detaches when it goes', async () => {
    const media = await mkdtemp(join(tmpdir(), 'media-'));
    const dataDir = await mkdtemp(join(tmpdir(), 'data-'));
    cleanup.push(() => rm(media, { recursive: true, force: true }), () => rm(dataDir, { recursive: true, force: true }));
    const svc = new DeviceService({
      dataDir, usb: unavailableUsb('tests'), listPorts: async () => [], volumeRoots: [{ path: media, kind: 'parent' }], volumePollMs: 50,
      // A decoder-backed range for GPX; everything else falls back to file times.
      timeRange: async (p) => (p.endsWith('.gpx') ? { startMs: SESSION + 60_000, endMs: SESSION + 3_600_000 } : null),
    });
    cleanup.push(() => svc.stop());
    await svc.start();
    // Build the drive elsewhere and move it in whole, as a mount appears.
    const staging = await mkdtemp(join(tmpdir(), 'staging-'));
    cleanup.push(() => rm(staging, { recursive: true, force: true }));
    const vol = join(staging, 'GARMIN');
    await file(join(vol, 'Garmin/GarminDevice.xml'), '<Device><Model><Description>Forerunner 965</Description></Model><Id>3412345678</Id></Device>', SESSION);
    await file(join(vol, 'Garmin/Activities/today.fit'), 'today', SESSION + 30 * 60_000);
    await file(join(vol, 'Garmin/Activities/lastweek.fit'), 'old', SESSION - 7 * 86_400_000);
    await file(join(vol, 'track.gpx'), '<gpx/>', SESSION - 86_400_000); // mtime outside, content range inside
    const attached = new Promise<DeviceInfo>((r) => svc.once('attached', r));
    await rename(vol, join(media, 'GARMIN'));
    const att = await attached;
    expect(att.deviceId).toBe('mass-storage:garmin-3412345678');
    expect(att.label).toBe('Garmin Forerunner 965');

    const [o] = await svc.download({ window: { startMs: SESSION, endMs: SESSION + 90 * 60_000 } });
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.files.map((f) => [f.recordingId, f.sha256])).toEqual([
      ['Garmin/Activities/today.fit', sha('today')],
      ['track.gpx', sha('<gpx/>')],
    ]);
    expect(await readFile(o.files[0].path, 'utf8')).toBe('today');
    expect(await readFile(join(media, 'GARMIN/Garmin/Activities/today.fit'), 'utf8')).toBe('today'); // copied, not moved

    const gone = new Promise<{ deviceId: string }>((r) => svc.once('detached', r));
    await rm(join(media, 'GARMIN'), { recursive: true, force: true });
    expect((await gone).deviceId).toBe('mass-storage:garmin-3412345678');
  });
});
