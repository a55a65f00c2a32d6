/**
 * Reads a backup archive completely into a fresh folder before anything is replaced (restore's
 * first half): the archive unpacks (gzip's CRC catches a flipped byte, a cut one ends early), the
 * manifest is there and is ours, every file is listed with its size and sha256 and nothing else is
 * in it, raw files hash to their names, the database opens and passes `PRAGMA integrity_check`,
 * and its schema is one this app knows (not newer). Each refusal says so in the user's words.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { extract } from 'tar';
import { AppError } from '../../../shared/api/errors.ts';
import type { Migration } from '../db/migrate.ts';
import { sha256File } from '../store/raw-store.ts';
import { fsErrorText } from '../util/fs-error.ts';
import { DB_FILE, isBackupPath, listFiles } from './data-layout.ts';
import { readDbFacts, type DbFacts } from './db-facts.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MANIFEST_NAME, ManifestSchema, type Manifest } from './manifest.ts';
import { Cancelled, type Progress } from './progress.ts';
import { formatBytes, writeFailureText } from './words.ts';

export interface VerifiedArchive {
  manifest: Manifest;
  facts: DbFacts;
  /** The unpacked, verified data (database, raw, reports, manifest). */
  dir: string;
}

const refuse = (archive: string, why: string) =>
  new AppError('VALIDATION', `${basename(archive)} cannot be restored: ${why}. Nothing was replaced; your data is as it was.`);

export async function verifyArchive(archive: string, into: string, migrations: readonly Migration[], progress: Progress): Promise<VerifiedArchive> {
  let size: number;
  try {
    const st = statSync(archive);
    if (!st.isFile()) throw refuse(archive, 'it is a folder, not a backup file');
    size = st.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse(archive, fsErrorText(err));
  }
  mkdirSync(into, { recursive: true });
  let unpacked = 0;
  let odd: string | null = null;
  try {
    await extract({
      file: archive,
      cwd: into,
      strict: true,
      // A SQLite file of mostly empty pages compresses far better than the default 1000:1 allows.
      maxDecompressionRatio: 1e6,
      filter: (path, entry) => {
        const t = (entry as { type?: string }).type;
        if (t !== 'File' && t !== 'Directory') {
          odd ??= `${path} (${t})`;
          return false;
        }
        return true;
      },
      onEntry: (entry) => {
        progress.check();
        unpacked += entry.size;
        progress.phase('extracting', unpacked, Math.max(unpacked, size));
      },
    });
  } catch (err) {
    if (err instanceof Cancelled) throw err;
    const e = err as { code?: string; tarCode?: string; message?: string };
    const code = e.code ?? e.tarCode;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw refuse(archive, `${writeFailureText(err)} while unpacking it (the archive holds ${formatBytes(size)} compressed)`);
    if (code === 'TAR_BAD_ARCHIVE') throw refuse(archive, 'it is not a Player1 Pitchside backup (not a .tar.gz archive)');
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message ?? '')) throw refuse(archive, 'the file is cut short (incomplete copy or download?)');
    if (code === 'Z_DATA_ERROR' || code === 'TAR_ABORT' || code === 'TAR_ENTRY_INVALID') throw refuse(archive, `the file is damaged (${e.message ?? code})`);
    if (code && /^E[A-Z]+$/.test(code)) throw refuse(archive, writeFailureText(err));
    throw refuse(archive, `the file is damaged or not a backup (${e.message ?? String(err)})`);
  }
  if (odd) throw refuse(archive, `it holds ${odd}, which a Player1 Pitchside backup never does`);

  // The manifest: present, ours, a format this app reads.
  const mPath = join(into, MANIFEST_NAME);
  if (!existsSync(mPath)) throw refuse(archive, 'it has no manifest, so it is not a Player1 Pitchside backup (or it was cut short)');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(mPath, 'utf8'));
  } catch {
    throw refuse(archive, 'its manifest is damaged (not valid JSON)');
  }
  const fmt = (raw as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (fmt.format !== BACKUP_FORMAT) throw refuse(archive, 'it is not a Player1 Pitchside backup (its manifest is of another kind)');
  if (typeof fmt.formatVersion === 'number' && fmt.formatVersion > BACKUP_FORMAT_VERSION) {
    throw refuse(archive, `it was made by a newer version of Player1 Pitchside (backup format ${fmt.formatVersion}; this app reads up to ${BACKUP_FORMAT_VERSION}): update the app first`);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) throw refuse(archive, `its manifest is damaged (${parsed.error.issues[0]?.path.join('.') || 'shape'}: ${parsed.error.issues[0]?.message})`);
  const manifest = parsed.data;

  // Every file listed is there, whole; nothing unlisted came with it.
  const present = new Map(listFiles(into).map((f) => [f.rel, f.bytes]));
  present.delete(MANIFEST_NAME);
  const listed = new Set(manifest.files.map((f) => f.path));
  const extra = [...present.keys()].filter((p) => !listed.has(p));
  if (extra.length > 0) throw refuse(archive, `it holds ${extra.length} file(s) its manifest does not list (${extra[0]}…)`);
  // Only the database, raw/ and reports/: never the decoded cache, SQLite's side files or anything else a restore would plant.
  const foreign = [...listed, ...present.keys()].find((p) => !isBackupPath(p));
  if (foreign !== undefined) throw refuse(archive, `it holds ${foreign}, which a Player1 Pitchside backup never does (only the database, raw files and reports)`);
  if (!listed.has(DB_FILE)) throw refuse(archive, 'it holds no database');
  const total = manifest.files.reduce((s, f) => s + f.size, 0);
  let done = 0;
  for (const f of manifest.files) {
    progress.check();
    if (!present.has(f.path)) throw refuse(archive, `${f.path} is missing from it (cut short?)`);
    if (present.get(f.path) !== f.size) throw refuse(archive, `${f.path} is damaged (${present.get(f.path)} bytes, the manifest says ${f.size})`);
    const abs = join(into, f.path);
    const h = await sha256File(abs);
    if (h.sha256 !== f.sha256) throw refuse(archive, `${f.path} is damaged (its sha256 differs from the manifest's)`);
    if (f.path.startsWith('raw/') && basename(f.path) !== h.sha256) throw refuse(archive, `${f.path} is damaged (a raw file must hash to its name)`);
    // Durable before it can replace anything: a power cut after the swap must not leave empty files.
    const fd = openSync(abs, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    done += f.size;
    progress.phase('checking', done, total);
  }

  // The database: opens, whole, a schema this app knows.
  const dbFile = join(into, DB_FILE);
  let facts: DbFacts;
  let db: Database.Database | null = null;
  try {
    db = new Database(dbFile, { fileMustExist: true });
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    if (check.length !== 1 || check[0].integrity_check !== 'ok') {
      throw refuse(archive, `its database is damaged (integrity check: ${check.slice(0, 3).map((r) => r.integrity_check).join('; ')})`);
    }
    facts = readDbFacts(db);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse(archive, `its database cannot be opened (${(err as Error).message})`);
  } finally {
    db?.close();
  }
  if (facts.schemaVersion > migrations.length) {
    throw refuse(archive, `it was made by a newer version of Player1 Pitchside (database schema ${facts.schemaVersion}; this app knows up to ${migrations.length}): update the app first`);
  }
  for (const m of facts.migrations) {
    const known = migrations[m.version - 1];
    if (!known || known.name !== m.name) throw refuse(archive, `its database's schema step ${m.version} is '${m.name}', which this app does not know`);
  }
  if (facts.schemaVersion !== manifest.schemaVersion) throw refuse(archive, `its database is at schema ${facts.schemaVersion} but the manifest says ${manifest.schemaVersion}`);
  return { manifest, facts, dir: into };
}
