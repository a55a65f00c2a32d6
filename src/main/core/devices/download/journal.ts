/**
 * Resume journal for partial downloads: `<dir>/<unit>/<recording>.part` holds the bytes,
 * `<dir>/<unit>/<recording>.journal.json` says how many of them are verified and what the file
 * must hash to. The downloader rewrites it atomically (temp + rename) behind the part-file writes
 * it describes, at most every 25 ms and always when a download stops, and fsyncs both every
 * 4 MiB; a kill -9 therefore loses at most 25 ms of transfer (the page cache survives the
 * process), and the final whole-file sha256 check catches a part file damaged by a power cut.
 */
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { toSafeSegment } from '../../../../shared/security/path-segment.ts';

export const JournalEntrySchema = z.object({
  v: z.literal(1),
  deviceId: z.string(),
  unitId: z.string(),
  recordingId: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  startMs: z.number(),
  endMs: z.number(),
  clockOffsetMs: z.number(),
  verifiedOffset: z.number().int().nonnegative(),
  updatedAt: z.number(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/**
 * A unit's or recording's id as one folder or file name under downloads/ (what the unit reports:
 * an id of ".." must not put its download one folder above downloads/).
 */
export function safeName(s: string): string {
  return toSafeSegment(s, 120);
}

export class DownloadJournal {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  unitDir(unitId: string): string {
    return join(this.dir, safeName(unitId));
  }

  partPath(unitId: string, recordingId: string): string {
    return join(this.unitDir(unitId), `${safeName(recordingId)}.part`);
  }

  journalPath(unitId: string, recordingId: string): string {
    return join(this.unitDir(unitId), `${safeName(recordingId)}.journal.json`);
  }

  /** The saved entry, or null when there is none or it is unreadable (then start over). */
  async read(unitId: string, recordingId: string): Promise<JournalEntry | null> {
    try {
      const text = await readFile(this.journalPath(unitId, recordingId), 'utf8');
      const parsed = JournalEntrySchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Bytes of the part file on disk (0 when missing). */
  async partSize(unitId: string, recordingId: string): Promise<number> {
    try {
      return (await stat(this.partPath(unitId, recordingId))).size;
    } catch {
      return 0;
    }
  }

  async write(entry: JournalEntry, durable = false): Promise<void> {
    const dir = this.unitDir(entry.unitId);
    await mkdir(dir, { recursive: true });
    const final = this.journalPath(entry.unitId, entry.recordingId);
    const tmp = `${final}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(JSON.stringify(entry));
      if (durable) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, final);
  }

  async remove(unitId: string, recordingId: string, keepPart = false): Promise<void> {
    await rm(this.journalPath(unitId, recordingId), { force: true });
    if (!keepPart) await rm(this.partPath(unitId, recordingId), { force: true });
  }
}
