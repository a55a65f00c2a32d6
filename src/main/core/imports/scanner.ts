/**
 * Orchestrates a scan on the main thread: walk the chosen paths, hand every file to the worker
 * pool (decoding never runs here), push each file's stage and finding as it comes, and keep the
 * scan for the commit. A re-scan reads one file again with other options.
 */
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { FileFinding, ScanResult } from '../../../shared/api/imports.contract.ts';
import type { FileReadOptions } from '../../../shared/domain/read-options.ts';
import type { Session } from '../../../shared/domain/session.ts';
import type { CoreContext } from '../context.ts';
import type { ScanRunner } from '../jobs/task-pool.ts';
import { FormatError } from '../formats/format-error.ts';
import { localToUtc } from '../formats/local-time.ts';
import { mustGetSession } from '../sessions/session-guards.ts';
import { buildFinding } from './finding.ts';
import { unreadFile } from './scan-file.ts';
import type { ScanFileInput, ScanFileResult } from './scan-file.ts';
import { ScanStore, type ScanEntry, type StoredScan } from './scan-store.ts';
import { walkPaths, type Candidate } from './scan-walk.ts';

/** Errors that mean "not a data file" for a file found by walking a folder (it is listed as skipped). */
const NOT_DATA = new Set(['UNKNOWN_FORMAT', 'EMPTY_FILE']);

export class ImportScanner {
  readonly scans: ScanStore;
  private readonly ctx: CoreContext;
  private readonly runner: ScanRunner;
  private readonly stagingRoot: string;

  /** Scan ids whose scan is still running (not yet in `scans`). */
  private readonly inProgress = new Set<string>();

  constructor(ctx: CoreContext, runner: ScanRunner, stagingRoot: string) {
    this.ctx = ctx;
    this.runner = runner;
    this.stagingRoot = stagingRoot;
    this.scans = new ScanStore(ctx.clock);
  }

  async scan(input: ParsedInput<'imports:scan'>): Promise<ScanResult> {
    const session = mustGetSession(this.ctx.repos.sessions, input.sessionId);
    if (input.timeZone) checkZone(input.timeZone);
    const scanId = (input.scanId ?? randomUUID()).toLowerCase();
    // Reserved for the whole scan: a second scan with the same id while this one runs would
    // otherwise replace it when it ends, and a commit would link the other scan's files.
    if (this.scans.has(scanId) || this.inProgress.has(scanId)) throw new AppError('CONFLICT', `scan ${scanId} exists already`);
    this.inProgress.add(scanId);
    try {
      return await this.scanReserved(input, session, scanId);
    } finally {
      this.inProgress.delete(scanId);
    }
  }

  private async scanReserved(input: ParsedInput<'imports:scan'>, session: Session, scanId: string): Promise<ScanResult> {
    const walk = await walkPaths(input.paths, this.stagingRoot);
    if (walk.candidates.length === 0 && walk.missing.length === input.paths.length) {
      throw new AppError('NOT_FOUND', `not found: ${walk.missing.join(', ')}`);
    }
    const referenceMs = this.ctx.clock();
    const window = { startMs: session.startMs, endMs: session.endMs };
    const scan: StoredScan = {
      result: {
        scanId,
        sessionId: session.id,
        window,
        referenceMs,
        skipped: walk.skipped,
        layouts: walk.layouts,
        warnings: [...walk.missing.map((p) => `${p}: not found`), ...walk.warnings],
      },
      localTimeZone: input.timeZone ?? null,
      entries: new Map(),
      createdAt: referenceMs,
    };
    const files = walk.candidates.map((c, i) => ({ fileId: `f${i + 1}`, c }));
    const total = files.length;
    let done = 0;
    const progress = (fileId: string, c: Candidate, stage: FileFinding['stage']) =>
      this.ctx.events.emit('imports:progress', { scanId, sessionId: session.id, fileId, sourceName: c.sourceName, stage, done, total });
    for (const f of files) progress(f.fileId, f.c, 'queued');

    const results = await Promise.all(
      files.map(async ({ fileId, c }) => {
        // 'reading' when a thread picks the file up; a late notice after the result is dropped.
        let finished = false;
        const r = await this.decode({ path: c.path, sourceName: c.sourceName, options: { referenceMs }, localTimeZone: scan.localTimeZone, decodedCacheRoot: this.ctx.decodedCache?.root ?? null }, () => {
          if (!finished) progress(fileId, c, 'reading');
        });
        finished = true;
        done++;
        if (!c.explicit && r.error && NOT_DATA.has(r.error.code)) {
          scan.result.skipped.push({ sourceName: c.sourceName, path: c.path, reason: r.error.message });
          progress(fileId, c, 'skipped');
          return null;
        }
        const finding = buildFinding(this.ctx, session.id, window, fileId, c, r);
        progress(fileId, c, finding.stage);
        this.ctx.events.emit('imports:found', { scanId, sessionId: session.id, finding });
        return { candidate: c, finding } satisfies ScanEntry;
      }),
    );
    // Kept in the order the files were found, whatever order the pool finished them in.
    for (const e of results) if (e) scan.entries.set(e.finding.fileId, e);
    this.scans.put(scan);
    return ScanStore.toResult(scan);
  }

  async rescan(input: ParsedInput<'imports:rescan'>): Promise<FileFinding> {
    const scan = this.mustGetScan(input.scanId);
    const entry = scan.entries.get(input.fileId);
    if (!entry) throw new AppError('NOT_FOUND', `no file ${input.fileId} in scan ${input.scanId}`);
    const before = entry.finding;
    if (input.timeZone) checkZone(input.timeZone);
    if (input.ignoreChecksums && !before.canIgnoreChecksums && !before.options.ignoreChecksums) {
      throw new AppError('VALIDATION', `${before.sourceName}: only a damaged FIT file whose error was shown can be read with checksums ignored`);
    }
    const options: FileReadOptions = { referenceMs: scan.result.referenceMs };
    const zone = input.timeZone ?? before.options.timeZone;
    if (zone) options.timeZone = zone;
    if (input.ignoreChecksums ?? before.options.ignoreChecksums) options.ignoreChecksums = true;
    const session = mustGetSession(this.ctx.repos.sessions, scan.result.sessionId);
    const window = { startMs: session.startMs, endMs: session.endMs };
    const ids = { scanId: scan.result.scanId, sessionId: session.id };
    const c = entry.candidate;
    this.ctx.events.emit('imports:progress', { ...ids, fileId: before.fileId, sourceName: c.sourceName, stage: 'reading', done: 0, total: 1 });
    const r = await this.decode({ path: c.path, sourceName: c.sourceName, options, localTimeZone: scan.localTimeZone, decodedCacheRoot: this.ctx.decodedCache?.root ?? null }, () => {});
    const finding = buildFinding(this.ctx, session.id, window, before.fileId, c, r);
    if (before.localClock && !finding.error) finding.localClock = true;
    scan.entries.set(before.fileId, { candidate: c, finding });
    this.ctx.events.emit('imports:progress', { ...ids, fileId: before.fileId, sourceName: c.sourceName, stage: finding.stage, done: 1, total: 1 });
    this.ctx.events.emit('imports:found', { ...ids, finding });
    return finding;
  }

  mustGetScan(scanId: string): StoredScan {
    const scan = this.scans.get(scanId);
    if (!scan) throw new AppError('NOT_FOUND', `scan ${scanId} is not known (scans are kept for a few hours): scan the files again`);
    return scan;
  }

  /** The pool decodes; a worker that dies is that file's error, not the scan's. */
  private async decode(input: ScanFileInput, onStart: () => void): Promise<ScanFileResult> {
    try {
      return await this.runner.scan(input, onStart);
    } catch (e) {
      const message = `${input.sourceName}: the worker reading it failed (${e instanceof Error ? e.message : String(e)})`;
      return { ...unreadFile(input.options, -1), error: { severity: 'error', code: 'INTERNAL', message, line: null, offset: null, count: null } };
    }
  }

}

function checkZone(zone: string): void {
  try {
    localToUtc(zone, 'time zone');
  } catch (e) {
    if (e instanceof FormatError) throw new AppError('VALIDATION', `unknown time zone '${zone}' (use an IANA name such as Europe/London, or an offset such as +01:00)`);
    throw e;
  }
}
