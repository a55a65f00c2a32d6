/**
 * A session's exports written into one folder: the report (HTML, copied as written), its PDF (the
 * host's printer, else Chromium), the tidy CSV and the seed's metadata CSV. File names come from
 * the session's name and date, made safe for any file system. Each file is written atomically.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import type { ExportKind, ExportResult, ExportedFile } from '../../../shared/api/exports.contract.ts';
import type { SessionResults } from '../../../shared/api/results.contract.ts';
import type { Session } from '../../../shared/domain/session.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { tidyCsv } from './tidy-csv.ts';
import { METADATA_FILE_NAME, sessionMetadataCsv } from './metadata-csv.ts';
import { reportToPdf, type PdfOrientation } from './pdf-chromium.ts';

export type PrintToPdf = (htmlPath: string, outPath: string, opts: { orientation: PdfOrientation }) => Promise<void>;

/** "Tuesday training 2026-03-14": the session's name and date, without characters a file system refuses. */
export function exportBaseName(session: Pick<Session, 'name' | 'startMs'>): string {
  const name = session.name
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80)
    .trim();
  const date = new Date(session.startMs).toISOString().slice(0, 10);
  return `${name || 'session'} ${date}`;
}

/** Where an export of `kind` goes: the session's base name with the kind's extension; the metadata CSV by the seed's fixed name. */
function targetPath(folder: string, base: string, kind: ExportKind): string {
  return kind === 'metadata' ? join(folder, METADATA_FILE_NAME) : join(folder, `${base}.${kind}`);
}

export async function exportSession(o: {
  session: Session;
  reportPath: string | null;
  results: () => Promise<SessionResults> | SessionResults;
  folder: string;
  kinds: readonly ExportKind[];
  orientation?: PdfOrientation;
  printToPdf?: PrintToPdf;
  durable?: boolean;
}): Promise<Omit<ExportResult, 'canOpen'>> {
  const folder = resolve(o.folder);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new AppError('VALIDATION', `cannot save into ${folder}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : 'it cannot be created'}; choose another folder`);
  }
  if (!statSync(folder).isDirectory()) throw new AppError('VALIDATION', `${folder} is a file, not a folder: choose a folder to save into`);
  const needsReport = o.kinds.includes('html') || o.kinds.includes('pdf');
  if (needsReport && (!o.reportPath || !existsSync(o.reportPath))) throw new AppError('NOT_FOUND', `"${o.session.name}" has no report yet: click Process Report first`);
  const base = exportBaseName(o.session);
  const files: ExportedFile[] = [];
  // Whether a file of the name was there just before this export wrote it: said, not silently replaced.
  const taken = new Set<string>();
  const check = (kind: ExportKind): string => {
    const to = targetPath(folder, base, kind);
    if (existsSync(to)) taken.add(to);
    return to;
  };
  const done = (kind: ExportKind, path: string) => files.push({ kind, path, bytes: statSync(path).size, replaced: taken.has(path) });
  let results: SessionResults | null = null;
  const getResults = async () => (results ??= await o.results());

  // Each kind once, in the order asked.
  for (const kind of [...new Set(o.kinds)]) {
    if (kind === 'html') {
      const to = check(kind);
      const tmp = `${to}.tmp-${process.pid}`;
      try {
        copyFileSync(o.reportPath!, tmp);
        renameSync(tmp, to);
      } finally {
        rmSync(tmp, { force: true });
      }
      done(kind, to);
    } else if (kind === 'pdf') {
      const to = check(kind);
      const orientation = o.orientation ?? 'portrait';
      if (o.printToPdf) await o.printToPdf(o.reportPath!, to, { orientation });
      else await reportToPdf(o.reportPath!, to, { orientation });
      done(kind, to);
    } else if (kind === 'csv') {
      const r = await getResults();
      if (r.players.length === 0) throw new AppError('NOT_FOUND', `"${o.session.name}" has no results to export yet: click Process Report first`);
      const to = check(kind);
      writeFileAtomic(to, tidyCsv(o.session, r), { durable: o.durable });
      done(kind, to);
    } else {
      const to = check(kind);
      writeFileAtomic(to, sessionMetadataCsv(o.session.participants), { durable: o.durable });
      done(kind, to);
    }
  }
  return { folder, files };
}
