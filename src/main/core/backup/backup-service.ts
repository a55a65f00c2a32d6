/**
 * Backup and restore for the running app, one operation at a time, with progress
 * (backup:progress) and cancel. A restore is verified completely first (backup:verify, into
 * `.restore-<id>/new` in the data folder), then swapped in by the host's `reopen`, which closes
 * this core's database, runs the swap and opens a core on the restored data (live-core.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import type { BackupResult, DataFolderInfo, RestoreResult, VerifiedBackup } from '../../../shared/api/backup.contract.ts';
import type { CoreContext } from '../context.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { readDbFacts } from './db-facts.ts';
import { createBackup } from './create-backup.ts';
import { measureParts, DB_FILE } from './data-layout.ts';
import { Cancelled, Progress, type ProgressOp } from './progress.ts';
import { relocateReports } from './relocate.ts';
import { JOURNAL_NAME, PREVIOUS_PREFIX, assertDatabaseClosed, commitSwap, previousName, rollBack, swapIn, workDirOf, type SwapPlan } from './restore-swap.ts';
import { summaryOf } from './summary.ts';
import { verifyArchive, type VerifiedArchive } from './verify-archive.ts';

/** What the host does around a swap: close this core, `swap`, open a new one (see live-core.ts). */
export interface SwapSteps {
  /** Runs with every connection to the database closed; throws (after undoing itself) to keep the old data. */
  swapIn(): void;
  /** The new core opened: keep the old data aside (answers where) and finish. */
  commit(): string | null;
  /** The new core did not open: put the old data back. */
  rollBack(): void;
}
export type Reopen = (steps: SwapSteps) => Promise<void>;

export class BackupService {
  private busy: { op: ProgressOp; progress: Progress } | null = null;
  private verified: { token: string; id: string; archive: VerifiedArchive; path: string } | null = null;
  private readonly ctx: CoreContext;
  private readonly reopen: Reopen | null;

  constructor(ctx: CoreContext, reopen: Reopen | null) {
    this.ctx = ctx;
    this.reopen = reopen;
  }

  info(): DataFolderInfo {
    const dir = this.ctx.dataDir;
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // no data folder yet
    }
    const previous = names
      .filter((n) => n.startsWith(PREVIOUS_PREFIX))
      .map((n) => ({ path: join(dir, n), at: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    return {
      dataDir: dir,
      parts: measureParts(dir),
      canOpen: this.ctx.host.openPath != null,
      canPick: this.ctx.host.pickSavePath != null && this.ctx.host.pickFile != null,
      previous,
      busy: this.busy?.op === 'verify' ? 'verify' : (this.busy?.op ?? null),
    };
  }

  private begin(op: ProgressOp): Progress {
    if (this.busy) {
      const what = { backup: 'a backup is being saved', verify: 'a backup is being checked', restore: 'a backup is being restored' }[this.busy.op];
      throw new AppError('CONFLICT', `${what}: wait for it to finish, or cancel it`);
    }
    const progress = new Progress(op, (e) => this.ctx.events.emit('backup:progress', e));
    this.busy = { op, progress };
    return progress;
  }

  async create(dest: string): Promise<BackupResult> {
    const progress = this.begin('backup');
    try {
      return await createBackup({ db: this.ctx.db, dataDir: this.ctx.dataDir, appName: this.ctx.appName, appVersion: this.ctx.appVersion, clock: this.ctx.clock, dest, progress });
    } finally {
      this.busy = null;
    }
  }

  async verify(path: string): Promise<VerifiedBackup> {
    this.forget();
    const progress = this.begin('verify');
    const id = `${process.pid}-${randomBytes(6).toString('hex')}`;
    const work = workDirOf(this.ctx.dataDir, id);
    try {
      const archive = await verifyArchive(path, join(work, 'new'), MIGRATIONS, progress);
      const token = randomBytes(12).toString('hex');
      this.verified = { token, id, archive, path };
      const here = readDbFacts(this.ctx.db);
      progress.phase('done', 1, 1);
      return {
        token,
        path,
        summary: summaryOf(archive.manifest),
        current: { sessions: here.sessions, players: here.players, rawFiles: here.rawFiles.length, reports: here.reportPaths.length },
      };
    } catch (err) {
      rmSync(work, { recursive: true, force: true });
      if (err instanceof Cancelled) throw new AppError('CONFLICT', 'the check was cancelled: nothing was replaced');
      throw err;
    } finally {
      this.busy = null;
    }
  }

  async restore(token: string): Promise<RestoreResult> {
    if (!this.reopen) throw new AppError('UNAVAILABLE', 'restoring a backup needs the app (the command line cannot replace the data of a running app)');
    const v = this.verified;
    if (!v || v.token !== token) throw new AppError('NOT_FOUND', 'that backup is no longer checked and ready: choose it again');
    if (!existsSync(join(v.archive.dir, DB_FILE))) throw new AppError('NOT_FOUND', 'the checked backup is gone from the data folder: choose it again');
    this.begin('restore');
    let previousDataAt: string | null = null;
    try {
      this.busy?.progress.phase('swapping', 0, 1);
      this.verified = null;
      const plan: SwapPlan = { dataDir: this.ctx.dataDir, id: v.id, keepAs: previousName(this.ctx.dataDir, this.ctx.clock()) };
      relocateReports(join(v.archive.dir, DB_FILE), v.archive.manifest.sourceDataDir, this.ctx.dataDir);
      await this.reopen({
        swapIn: () => {
          assertDatabaseClosed(this.ctx.dataDir);
          swapIn(plan);
        },
        commit: () => (previousDataAt = commitSwap(plan)),
        rollBack: () => rollBack(this.ctx.dataDir),
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      // A swap journal left behind means the swap started and was neither committed nor undone:
      // `.restore-<id>/old` may hold the only copy of the old data, so nothing may be removed.
      // Start-up (recoverRestore) finishes or undoes it.
      if (existsSync(join(this.ctx.dataDir, JOURNAL_NAME))) {
        throw new AppError(
          'INVALID_STATE',
          `the backup could not be restored: ${why}. Nothing was deleted: restart Player1 now, and it will finish or undo the restore when it starts.`,
        );
      }
      rmSync(workDirOf(this.ctx.dataDir, v.id), { recursive: true, force: true });
      throw new AppError('INVALID_STATE', `the backup could not be restored: ${why}. Your data is as it was.`);
    } finally {
      this.busy = null;
    }
    return { summary: summaryOf(v.archive.manifest), previousDataAt };
  }

  cancel(): boolean {
    if (this.busy && this.busy.op !== 'restore') {
      this.busy.progress.cancelled = true;
      return true;
    }
    return this.forget();
  }

  /** Deletes a folder of data a restore set aside: only one `info()` lists (never any other path). */
  removePrevious(path: string): boolean {
    const listed = this.info().previous.find((p) => p.path === path);
    if (!listed) throw new AppError('NOT_FOUND', `${path} is not data set aside by a restore: nothing was deleted`);
    rmSync(listed.path, { recursive: true, force: true });
    return true;
  }

  /** Forgets a verified backup not restored (its unpacked copy goes). */
  forget(): boolean {
    const v = this.verified;
    if (!v) return false;
    this.verified = null;
    rmSync(workDirOf(this.ctx.dataDir, v.id), { recursive: true, force: true });
    return true;
  }
}
