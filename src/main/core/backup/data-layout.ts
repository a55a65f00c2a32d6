/**
 * What the data folder holds and which parts a backup takes. Everything a backup replaces on
 * restore is listed here, so the swap and the archive agree: the database, the raw store and the
 * reports. The decoded cache is left out (rebuilt from the raw files on the next Process Report)
 * but moved aside with the rest on restore, since its entries belong to the data they came from.
 * Downloads in progress (downloads/, live/) and the sync token stay with this laptop, as do demo
 * units' recordings while they are plugged in (demo-units/, devices/device-runtime.ts).
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DB_FILE = 'player1.sqlite';
/** SQLite's side files of the database in WAL mode: they travel with the database file. */
export const DB_SIDE_FILES = [`${DB_FILE}-wal`, `${DB_FILE}-shm`] as const;

export interface DataPart {
  name: string;
  what: string;
  inBackup: boolean;
}

export const DATA_PARTS: readonly DataPart[] = [
  { name: DB_FILE, what: 'The database: roster, sessions, results, settings, feedback, sync queue', inBackup: true },
  { name: 'raw', what: 'Raw files as they came off the units or were imported (by sha256)', inBackup: true },
  { name: 'reports', what: 'The team reports (one HTML per session)', inBackup: true },
  { name: 'decoded', what: 'Decoded cache (rebuilt from the raw files when needed; not in backups)', inBackup: false },
];

/** The names a restore replaces (moved aside, then the backup's moved in), the database's side files included. */
export const SWAPPED_NAMES: readonly string[] = [...DATA_PARTS.map((p) => p.name), ...DB_SIDE_FILES];

/** The names a restore moves in from a backup (the parts a backup holds): nothing else, whatever an archive carries. */
export const RESTORED_NAMES: readonly string[] = DATA_PARTS.filter((p) => p.inBackup).map((p) => p.name);

/** Whether a path inside an archive (with '/') is one a backup may hold: the database, or a file under raw/ or reports/. */
export const isBackupPath = (p: string): boolean => RESTORED_NAMES.some((n) => p === n || (n !== DB_FILE && p.startsWith(`${n}/`)));

/** Folders inside the raw store that are work in progress, never data (temp copies, staged uploads). */
export const RAW_WORK_DIRS = new Set(['.tmp', '.staging']);

/** The reason the decoded cache is left out, shown after a backup. */
export const LEFT_OUT = ['the decoded cache (rebuilt from the raw files on the next Process Report)', 'downloads not yet finished and the sync token (they stay with this laptop)'];

/** Files under `dir` (relative paths with '/'), skipping what `skip` names at the top level; symlinks ignored. */
export function listFiles(dir: string, skip: ReadonlySet<string> = new Set()): { rel: string; bytes: number }[] {
  const out: { rel: string; bytes: number }[] = [];
  const walk = (abs: string, rel: string, top: boolean) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (top && skip.has(e.name)) continue;
      const a = join(abs, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(a, r, false);
      else if (e.isFile()) {
        try {
          out.push({ rel: r, bytes: lstatSync(a).size });
        } catch {
          // removed meanwhile
        }
      }
    }
  };
  walk(dir, '', true);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** Size and file count of each part of the data folder. */
export function measureParts(dataDir: string): { name: string; what: string; bytes: number; files: number; inBackup: boolean }[] {
  return DATA_PARTS.map((p) => {
    const path = join(dataDir, p.name);
    if (p.name === DB_FILE) {
      let bytes = 0;
      let files = 0;
      for (const n of [DB_FILE, ...DB_SIDE_FILES]) {
        try {
          bytes += lstatSync(join(dataDir, n)).size;
          files += 1;
        } catch {
          // absent
        }
      }
      return { ...p, bytes, files: Math.min(files, 1) };
    }
    const list = listFiles(path, p.name === 'raw' ? RAW_WORK_DIRS : new Set());
    return { ...p, bytes: list.reduce((s, f) => s + f.bytes, 0), files: list.length };
  });
}
