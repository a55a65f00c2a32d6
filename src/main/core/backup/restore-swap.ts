/**
 * Replaces the data folder's parts with a verified backup's, so that a crash at any point (kill
 * -9, power cut) leaves either the old data or the new, whole. A journal written before the first
 * rename decides what start-up does with a swap it finds half done:
 *   phase 'swapping'  → roll back: each part set aside goes back, each part moved in goes;
 *   phase 'committed' → roll forward: only the tidying is left (the old data kept as a dated folder).
 * The swap is renames within the data folder (one filesystem), the old parts under
 * `.restore-<id>/old`, the new ones from `.restore-<id>/new`. The app's database is closed
 * meanwhile (the caller: live-core.ts), and the journal commits only once the new data has opened.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fsyncDir, writeFileAtomic } from '../util/atomic-write.ts';
import { isProcessAlive } from '../store/startup-sweep.ts';
import { isHolderGone, processStart } from '../util/process-identity.ts';
import { localParts } from '../util/local-time.ts';
import { RESTORED_NAMES, SWAPPED_NAMES, DB_SIDE_FILES } from './data-layout.ts';

export const JOURNAL_NAME = 'restore-journal.json';
export const PREVIOUS_PREFIX = 'before-restore-';

const JournalSchema = z.object({
  id: z.string().regex(/^[0-9A-Za-z-]+$/),
  phase: z.enum(['swapping', 'committed']),
  existed: z.array(z.string()),
  keepAs: z.string().nullable(),
  /** The swapping process's start time (util/process-identity.ts); absent in journals of older versions. */
  ownerStart: z.string().nullable().optional(),
});
type Journal = z.infer<typeof JournalSchema>;

export interface SwapPlan {
  dataDir: string;
  /** `.restore-<id>` in the data folder: `new/` holds the verified parts. */
  id: string;
  /** Keep the replaced data as this dated folder name (in the data folder), or remove it (null). */
  keepAs: string | null;
}

export const workDirOf = (dataDir: string, id: string) => join(dataDir, `.restore-${id}`);
const journalPath = (dataDir: string) => join(dataDir, JOURNAL_NAME);

/** The pid a swap's id starts with: the process swapping (backup-service.ts names it so). */
const ownerPid = (id: string): number => Number(/^(\d+)-/.exec(id)?.[1]);

function writeJournal(dataDir: string, j: Journal): void {
  writeFileAtomic(journalPath(dataDir), JSON.stringify(j));
}

/** `base`, or `base-2`, `base-3` … : the first name not taken in the folder. */
function freeName(dataDir: string, base: string): string {
  let name = base;
  for (let i = 2; existsSync(join(dataDir, name)); i++) name = `${base}-${i}`;
  return name;
}

/** before-restore-2026-12-07T04-12-30 (local time), unique in the folder. */
export function previousName(dataDir: string, at: number): string {
  const t = localParts(at);
  return freeName(dataDir, `${PREVIOUS_PREFIX}${t.date}T${t.hh}-${t.mm}-${t.ss}`);
}

/**
 * The database must be closed by every connection before the swap: SQLite removes the -wal file
 * when the last one closes, so a -wal left behind means another program (a command-line run) has
 * the database open.
 */
export function assertDatabaseClosed(dataDir: string): void {
  const wal = join(dataDir, DB_SIDE_FILES[0]);
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new Error('another Player1 program (a command-line run?) has the database open: close it, then restore again');
  }
}

/** Sets the old parts aside and moves the new ones in. On a throw, rolls back before rethrowing. */
export function swapIn(plan: SwapPlan): void {
  const work = workDirOf(plan.dataDir, plan.id);
  const oldDir = join(work, 'old');
  const newDir = join(work, 'new');
  const existed = SWAPPED_NAMES.filter((n) => existsSync(join(plan.dataDir, n)));
  writeJournal(plan.dataDir, { id: plan.id, phase: 'swapping', existed, keepAs: plan.keepAs, ownerStart: processStart(ownerPid(plan.id)) });
  try {
    mkdirSync(oldDir, { recursive: true });
    for (const n of existed) renameSync(join(plan.dataDir, n), join(oldDir, n));
    fsyncDir(oldDir);
    fsyncDir(plan.dataDir);
    // Only a backup's parts come in (verify-archive.ts refuses anything else; this is the second lock).
    for (const n of RESTORED_NAMES) if (existsSync(join(newDir, n))) renameSync(join(newDir, n), join(plan.dataDir, n));
    fsyncDir(plan.dataDir);
  } catch (err) {
    rollBack(plan.dataDir);
    throw err;
  }
}

/** The new data opened: commit, then keep the old parts as a dated folder (or remove them). Answers that folder's path. */
export function commitSwap(plan: SwapPlan): string | null {
  const j = readJournal(plan.dataDir);
  if (!j) throw new Error('no restore in progress');
  writeJournal(plan.dataDir, { ...j, phase: 'committed' });
  return finish(plan.dataDir, { ...j, phase: 'committed' });
}

function finish(dataDir: string, j: Journal): string | null {
  const work = workDirOf(dataDir, j.id);
  const oldDir = join(work, 'old');
  let kept: string | null = null;
  if (j.keepAs && existsSync(oldDir)) {
    // The name was free when the restore began; if something took it since (a crash and a
    // later restore in the same second), keep the old data under the next free name.
    kept = join(dataDir, freeName(dataDir, j.keepAs));
    renameSync(oldDir, kept);
  }
  rmSync(work, { recursive: true, force: true });
  rmSync(journalPath(dataDir), { force: true });
  fsyncDir(dataDir);
  return kept;
}

/** Puts the old parts back (the swap's journal says which existed) and removes what came in. */
export function rollBack(dataDir: string): void {
  const j = readJournal(dataDir);
  if (!j) return;
  const work = workDirOf(dataDir, j.id);
  const oldDir = join(work, 'old');
  for (const n of SWAPPED_NAMES) {
    const here = join(dataDir, n);
    if (existsSync(join(oldDir, n))) {
      rmSync(here, { recursive: true, force: true });
      renameSync(join(oldDir, n), here);
    } else if (!j.existed.includes(n)) {
      rmSync(here, { recursive: true, force: true });
    }
  }
  fsyncDir(dataDir);
  rmSync(work, { recursive: true, force: true });
  rmSync(journalPath(dataDir), { force: true });
  fsyncDir(dataDir);
}

function readJournal(dataDir: string): Journal | null {
  let text: string;
  try {
    text = readFileSync(journalPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  const parsed = JournalSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`the restore journal ${journalPath(dataDir)} is damaged: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * At start-up, before the database opens: finishes or undoes a restore a crash cut short, and
 * removes work folders (`.restore-*`, `.backup-*`) of processes that are gone.
 */
export function recoverRestore(dataDir: string): 'none' | 'rolled-back' | 'completed' {
  let outcome: 'none' | 'rolled-back' | 'completed' = 'none';
  const j = readJournal(dataDir);
  if (j?.phase === 'swapping') {
    // The journal's id starts with the pid of the process swapping: while that process lives, the
    // swap is its own (it rolls back or commits itself); undoing it under it would mix the data.
    // A pid the system gave to another program since (the journal's start time differs) is not it.
    const owner = ownerPid(j.id);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !isHolderGone({ pid: owner, start: j.ownerStart ?? null, host: null })) {
      throw new Error(`a backup is being restored by Player1 (process ${owner}): try again when it has finished`);
    }
    rollBack(dataDir);
    outcome = 'rolled-back';
  } else if (j?.phase === 'committed') {
    finish(dataDir, j);
    outcome = 'completed';
  }
  let names: string[] = [];
  try {
    names = readdirSync(dataDir);
  } catch {
    return outcome;
  }
  for (const n of names) {
    const m = /^\.(?:restore|backup)-(\d+)-[0-9a-f]+$/.exec(n);
    if (m && !isProcessAlive(Number(m[1]))) rmSync(join(dataDir, n), { recursive: true, force: true });
  }
  return outcome;
}
