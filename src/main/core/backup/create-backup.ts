/**
 * Writes one backup archive: a snapshot of the data folder (snapshot.ts), every file hashed into
 * the manifest, then `tar` + gzip with the manifest first, into a temp file beside the target that
 * is fsynced and renamed into place: the archive appears whole or not at all (docs/backup.md).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { create } from 'tar';
import { AppError } from '../../../shared/api/errors.ts';
import type { BackupResult } from '../../../shared/api/backup.contract.ts';
import type { Db } from '../db/database.ts';
import { sha256File } from '../store/raw-store.ts';
import { fsyncDir, writeFileAtomic } from '../util/atomic-write.ts';
import { isInsideDir } from '../util/inside-dir.ts';
import { localParts } from '../util/local-time.ts';
import { DB_FILE, LEFT_OUT, listFiles } from './data-layout.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MANIFEST_NAME, type Manifest } from './manifest.ts';
import { takeSnapshot } from './snapshot.ts';
import { Cancelled, type Progress } from './progress.ts';
import { summaryOf } from './summary.ts';
import { writeFailureText } from './words.ts';

export interface CreateBackupOptions {
  db: Db;
  dataDir: string;
  appName: string;
  appVersion: string;
  clock: () => number;
  /** A file path (".tar.gz" added when missing) or an existing folder (a dated name is chosen in it). */
  dest: string;
  progress: Progress;
}

/** player1-backup-2026-12-07-0412.tar.gz, in the laptop's local time. */
export function defaultBackupName(at: number): string {
  const t = localParts(at);
  return `player1-backup-${t.date}-${t.hh}${t.mm}.tar.gz`;
}

export function resolveDest(dest: string, dataDir: string, at: number): string {
  let p = resolve(dest);
  if (existsSync(p) && statSync(p).isDirectory()) p = join(p, defaultBackupName(at));
  else if (!/\.(tar\.gz|tgz)$/i.test(p)) p = `${p}.tar.gz`;
  if (isInsideDir(dataDir, p)) {
    throw new AppError('VALIDATION', `save the backup outside the data folder (${dataDir}): a backup there is lost with the laptop and would be replaced by a restore`);
  }
  if (!existsSync(dirname(p))) throw new AppError('VALIDATION', `the folder ${dirname(p)} does not exist: choose another place to save the backup`);
  return p;
}

export async function createBackup(o: CreateBackupOptions): Promise<BackupResult> {
  const at = o.clock();
  const dest = resolveDest(o.dest, o.dataDir, at);
  const stage = join(o.dataDir, `.backup-${process.pid}-${randomBytes(6).toString('hex')}`);
  const tmp = join(dirname(dest), `.${basename(dest)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const snap = await takeSnapshot(o.db, o.dataDir, stage, o.progress);
    // Every staged file hashed, in a stable order (the database first after the manifest).
    const files = listFiles(stage);
    const total = files.reduce((s, f) => s + f.bytes, 0);
    let done = 0;
    const entries: Manifest['files'] = [];
    for (const f of files) {
      o.progress.check();
      const h = await sha256File(join(stage, f.rel));
      entries.push({ path: f.rel, size: h.size, sha256: h.sha256 });
      done += h.size;
      o.progress.phase('hashing', done, total);
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      app: { name: o.appName, version: o.appVersion },
      createdAt: at,
      createdAtIso: new Date(at).toISOString(),
      schemaVersion: snap.facts.schemaVersion,
      sourceDataDir: resolve(o.dataDir),
      counts: {
        sessions: snap.facts.sessions,
        players: snap.facts.players,
        rawFiles: entries.filter((e) => e.path.startsWith('raw/')).length,
        reports: entries.filter((e) => e.path.startsWith('reports/')).length,
      },
      missing: snap.missing,
      leftOut: LEFT_OUT,
      files: entries,
    };
    writeFileAtomic(join(stage, MANIFEST_NAME), JSON.stringify(manifest, null, 1), { durable: false });
    const names = [MANIFEST_NAME, DB_FILE, 'raw', 'reports'].filter((n) => existsSync(join(stage, n)));
    await writeArchive(stage, names, tmp, total, o.progress);
    await rename(tmp, dest);
    fsyncDir(dirname(dest));
    o.progress.phase('done', total, total);
    return { path: dest, archiveBytes: statSync(dest).size, summary: summaryOf(manifest), leftOut: LEFT_OUT };
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    if (err instanceof Cancelled) throw new AppError('CONFLICT', 'the backup was cancelled: nothing was saved');
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new AppError('INVALID_STATE', `the backup could not be saved to ${dest}: ${writeFailureText(err)}. Nothing was saved there; your data is unchanged`);
    throw err;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** tar + gzip of the staged names into `to`, fsynced; cancellable between chunks. */
async function writeArchive(cwd: string, names: string[], to: string, total: number, progress: Progress): Promise<void> {
  let queued = 0;
  const stream = create(
    {
      gzip: true,
      cwd,
      portable: true,
      onWriteEntry: (e) => {
        queued += e.size ?? 0;
        progress.phase('archive', Math.min(queued, total), total);
      },
    },
    names,
  );
  const fh = await open(to, 'w');
  const reader = stream.getReader();
  try {
    for (;;) {
      if (progress.cancelled) {
        await reader.cancel();
        throw new Cancelled();
      }
      const { value, done } = await reader.read();
      if (done) break;
      let off = 0;
      while (off < value.length) off += (await fh.write(value, off, value.length - off)).bytesWritten;
    }
    await fh.sync();
  } finally {
    reader.releaseLock();
    await fh.close();
  }
}
