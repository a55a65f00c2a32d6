/**
 * Watches and loggers that mount as a drive (Garmin and others). A volume is a unit when it
 * holds files we read; download copies those overlapping the session window into the raw
 * store (hash while copying, atomic landing). Time ranges come from an injected decoder-backed
 * `timeRange(path)`; when it is missing or returns null the file's timestamps stand in:
 * [birthtime (or mtime when the filesystem has none), mtime], i.e. "written during the window".
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { DeviceError } from '../device-error.ts';
import { overlaps } from '../types.ts';
import type { TimeWindow } from '../types.ts';
import type { AttachedUnit, Driver, DriverContext } from './driver.ts';

export interface VolumeFile {
  path: string;
  /** Path relative to the volume root, with forward slashes. */
  rel: string;
  kind: 'fit' | 'gpx' | 'tcx' | 'nmea' | 'p1' | 'csv';
  size: number;
  mtimeMs: number;
  birthtimeMs: number;
}

const EXT_KIND: Record<string, VolumeFile['kind']> = {
  '.fit': 'fit', '.gpx': 'gpx', '.tcx': 'tcx', '.nmea': 'nmea', '.log': 'nmea', '.p1': 'p1', '.csv': 'csv',
};
const SKIP_DIRS = new Set(['$recycle.bin', 'system volume information', '.trashes', '.spotlight-v100', '.fseventsd', 'lost+found']);
const MAX_DEPTH = 5;

/** Supported files on a volume. FIT files count only under Garmin/Activities (elsewhere they are settings, courses, ...). */
export async function findSupportedFiles(root: string): Promise<VolumeFile[]> {
  const out: VolumeFile[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: skip, never fail the whole volume
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name.toLowerCase())) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(p, depth + 1);
        continue;
      }
      if (!e.isFile()) continue;
      const dot = e.name.lastIndexOf('.');
      const kind = dot >= 0 ? EXT_KIND[e.name.slice(dot).toLowerCase()] : undefined;
      if (!kind) continue;
      const rel = relative(root, p).split(sep).join('/');
      if (kind === 'fit' && !/^garmin\/activities\//i.test(rel)) continue;
      const s = await stat(p).catch(() => null);
      if (!s) continue;
      out.push({ path: p, rel, kind, size: s.size, mtimeMs: s.mtimeMs, birthtimeMs: s.birthtimeMs });
    }
  }
  await walk(root, 0);
  out.sort((a, b) => a.rel.localeCompare(b.rel));
  return out;
}

/** The range used for the window test, and where it came from. */
export async function fileTimeRange(
  f: VolumeFile,
  timeRange?: (path: string) => Promise<TimeWindow | null>,
): Promise<{ range: TimeWindow; from: 'content' | 'file-times' }> {
  if (timeRange) {
    const r = await timeRange(f.path).catch(() => null);
    if (r) return { range: r, from: 'content' };
  }
  const start = f.birthtimeMs > 0 && f.birthtimeMs <= f.mtimeMs ? f.birthtimeMs : f.mtimeMs;
  return { range: { startMs: start, endMs: f.mtimeMs }, from: 'file-times' };
}

async function volumeIdentity(root: string): Promise<{ unitId: string; label: string }> {
  // Garmin units describe themselves in Garmin/GarminDevice.xml.
  for (const name of ['Garmin/GarminDevice.xml', 'GARMIN/GarminDevice.xml']) {
    try {
      const xml = await readFile(join(root, name), 'utf8');
      const id = /<Id>\s*(\d+)\s*<\/Id>/.exec(xml)?.[1];
      const model = /<Description>\s*([^<]+?)\s*<\/Description>/.exec(xml)?.[1];
      if (id) return { unitId: `garmin-${id}`, label: model ? `Garmin ${model}` : 'Garmin' };
    } catch {
      // not a Garmin, or no description
    }
  }
  return { unitId: basename(root), label: `Drive ${basename(root)}` };
}

export const massStorageDriver: Driver = {
  id: 'mass-storage',
  kind: 'volume',
  summary: 'Watch or logger mounted as a drive (FIT, GPX, TCX, NMEA, P1, CSV)',

  async identifyVolume(root) {
    const files = await findSupportedFiles(root);
    if (files.length === 0) return null;
    const { unitId, label } = await volumeIdentity(root);
    const unit: AttachedUnit = {
      deviceId: `mass-storage:${unitId}`,
      driver: 'mass-storage',
      unitId,
      label,
      location: root,
      vendorId: null,
      productId: null,
      firmware: null,
      batteryPct: null,
      clockOffsetMs: null,
      clockUncertaintyMs: null,
      capabilities: { download: true, erase: false, live: false },
      player: null,
      busy: false,
      volumeRoot: root,
    };
    return unit;
  },

  async download(unit, opts, ctx: DriverContext) {
    const root = unit.volumeRoot ?? unit.location;
    const all = await findSupportedFiles(root).catch((e: unknown) => {
      throw new DeviceError('OPEN_FAILED', unit.unitId, `cannot read ${root}: ${(e as Error).message}`);
    });
    const picked = [];
    for (const f of all) {
      if (opts.recordingIds && !opts.recordingIds.includes(f.rel)) continue;
      const { range } = await fileTimeRange(f, ctx.timeRange);
      if (opts.window && !overlaps(range, opts.window)) continue;
      picked.push({ f, range });
    }
    const total = picked.reduce((s, p) => s + p.f.size, 0);
    let done = 0;
    opts.onProgress(0, total);
    const landed = [];
    for (const { f, range } of picked) {
      if (opts.signal.aborted) throw new DeviceError('CANCELLED', unit.unitId, `copy cancelled at ${f.rel}`);
      try {
        const stored = await ctx.store.put({ path: f.path });
        landed.push({
          deviceId: unit.deviceId, unitId: unit.unitId, recordingId: f.rel, sha256: stored.sha256, path: stored.path,
          size: stored.size, startMs: range.startMs, endMs: range.endMs, clockOffsetMs: 0, clockUncertaintyMs: 0, alreadyStored: stored.existed,
          resumedFromOffset: 0,
        });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EIO' || code === 'ENODEV') {
          throw new DeviceError('DISCONNECTED', unit.unitId, `the drive went away while copying ${f.rel} (${code})`);
        }
        throw new DeviceError('IO', unit.unitId, `cannot copy ${f.rel}: ${(e as Error).message}`);
      }
      done += f.size;
      opts.onProgress(done, total);
    }
    return landed;
  },
};
