/**
 * What a crash (kill -9, a flat battery) can leave in the data dir, tidied at start-up:
 *  - temp files of atomic writes (`.<name>.<pid>-<hex>.tmp` beside reports and other files) and
 *    of the raw store (`raw/.tmp/<ms>-<pid>-<hex>.tmp`): removed when the process that wrote them
 *    is gone (another app instance or CLI run on this data dir may be writing its own right now);
 *    names without a pid (older versions) when older than an hour;
 *  - raw-store files no database row refers to (an import or a download killed between the copy
 *    and the commit, or a commit the database refused): removed once older than `orphanGraceMs`
 *    (a day by default), so a copy another live process is about to link is never taken from it.
 *    Nothing is lost: each was copied from a file the user still has, or from a unit whose
 *    recording cannot be erased until a database row says its copy is stored.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/database.ts';
import { parseTempName } from '../util/atomic-write.ts';

export const LEGACY_TEMP_AGE_MS = 60 * 60_000;
export const ORPHAN_GRACE_MS = 24 * 60 * 60_000;

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function stale(pid: number | null, mtimeMs: number, now: number): boolean {
  return pid != null ? !isProcessAlive(pid) : now - mtimeMs > LEGACY_TEMP_AGE_MS;
}

/** Removes crashed writers' temp files under the data dir's reports folder and the raw store's .tmp. Returns the paths removed. */
export function sweepTempFiles(dataDir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth > 0) walk(p, depth - 1);
        continue;
      }
      const t = parseTempName(e.name);
      if (!t || !e.isFile()) continue;
      try {
        if (stale(t.pid, statSync(p).mtimeMs, now)) {
          rmSync(p, { force: true });
          removed.push(p);
        }
      } catch {
        // gone meanwhile
      }
    }
  };
  walk(dataDir, 0);
  walk(join(dataDir, 'reports'), 2);
  const rawTmp = join(dataDir, 'raw', '.tmp');
  let names: string[] = [];
  try {
    names = readdirSync(rawTmp);
  } catch {
    // no store yet
  }
  for (const n of names) {
    const m = /^\d+-(?:(\d+)-)?[0-9a-f]{12}\.tmp$/.exec(n);
    if (!m) continue;
    const p = join(rawTmp, n);
    try {
      if (stale(m[1] ? Number(m[1]) : null, statSync(p).mtimeMs, now)) {
        rmSync(p, { force: true });
        removed.push(p);
      }
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

export interface OrphanRawFile {
  sha256: string;
  path: string;
  size: number;
  mtimeMs: number;
}

/** Raw-store files that no database row (raw_files) refers to. */
export async function findOrphanRawFiles(db: Db, rawRoot: string): Promise<OrphanRawFile[]> {
  const known = db.prepare('SELECT 1 FROM raw_files WHERE sha256 = ?');
  const out: OrphanRawFile[] = [];
  let dirs: string[] = [];
  try {
    dirs = await readdir(rawRoot);
  } catch {
    return out;
  }
  for (const d of dirs) {
    if (!/^[0-9a-f]{2}$/.test(d)) continue;
    let files: string[] = [];
    try {
      files = await readdir(join(rawRoot, d));
    } catch {
      continue;
    }
    for (const f of files) {
      if (!/^[0-9a-f]{64}$/.test(f) || f.slice(0, 2) !== d) continue;
      if (known.get(f)) continue;
      try {
        const st = await stat(join(rawRoot, d, f));
        out.push({ sha256: f, path: join(rawRoot, d, f), size: st.size, mtimeMs: st.mtimeMs });
      } catch {
        // gone meanwhile
      }
    }
  }
  return out;
}

/** Removes orphan raw files older than the grace period; returns what was removed and what is kept (young). */
export async function sweepOrphanRawFiles(
  db: Db,
  rawRoot: string,
  now = Date.now(),
  graceMs = ORPHAN_GRACE_MS,
): Promise<{ removed: OrphanRawFile[]; kept: OrphanRawFile[] }> {
  const removed: OrphanRawFile[] = [];
  const kept: OrphanRawFile[] = [];
  for (const o of await findOrphanRawFiles(db, rawRoot)) {
    // Checked again just before: a commit may have linked it since the listing.
    const known = db.prepare('SELECT 1 FROM raw_files WHERE sha256 = ?').get(o.sha256);
    if (known) continue;
    if (now - o.mtimeMs > graceMs) {
      await rm(o.path, { force: true });
      removed.push(o);
    } else kept.push(o);
  }
  return { removed, kept };
}
