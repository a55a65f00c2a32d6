/**
 * A write that the disk refused, in the user's words: a full disk, a read-only disk, a folder this
 * account may not write to (the system's ENOSPC, EDQUOT, EROFS, EACCES/EPERM, and SQLite's
 * SQLITE_FULL, SQLITE_READONLY). Every write of the core is atomic (util/atomic-write.ts, the raw
 * store's temp-then-rename, SQLite's transactions), so the sentence can promise that nothing of the
 * step was kept half-written.
 *
 * The dispatcher (api/dispatch.ts) passes every error that is not already an AppError through
 * here, and so does the job runner for a run that fails (its report write runs in the worker pool,
 * where only the message crosses the thread boundary: the code and path are read back from Node's
 * "ENOSPC: no space left on device, open '/x'" text).
 */
import { isInsideDir } from './inside-dir.ts';

export type StorageProblem = 'full' | 'read-only' | 'no-permission';

export interface StorageFailure {
  problem: StorageProblem;
  /** The system's code, kept for support (ENOSPC, EROFS, SQLITE_FULL …). */
  code: string;
  /** The file the system named, when it named one. */
  path: string | null;
  /** The sentence for the user. */
  message: string;
}

const PROBLEM: Readonly<Record<string, StorageProblem>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  SQLITE_FULL: 'full',
  EROFS: 'read-only',
  SQLITE_READONLY: 'read-only',
  EACCES: 'no-permission',
  EPERM: 'no-permission',
};

export interface StorageFailureOptions {
  /**
   * The error crossed a worker thread (only its message is left): read the code and path back
   * from Node's "ENOSPC: no space left on device, open '/x'" text and SQLite's messages. Off
   * elsewhere: a code in free text ("connect EACCES 10.0.0.5:443", a file's name) is no proof.
   */
  fromMessage?: boolean;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : typeof err === 'string' ? err : '');

function codeOf(err: unknown, fromMessage: boolean): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (PROBLEM[code]) return code;
    if (code.startsWith('SQLITE_READONLY')) return 'SQLITE_READONLY';
    return null;
  }
  if (!fromMessage) return null;
  const message = messageOf(err);
  const m = /\b(ENOSPC|EDQUOT|EROFS|EACCES|EPERM)\b/.exec(message);
  if (m) return m[1];
  if (/database or disk is full/i.test(message)) return 'SQLITE_FULL';
  if (/attempt to write a readonly database/i.test(message)) return 'SQLITE_READONLY';
  return null;
}

function pathOf(err: unknown, fromMessage: boolean): string | null {
  const p = (err as { path?: unknown; dest?: unknown } | null);
  if (typeof p?.dest === 'string') return p.dest;
  if (typeof p?.path === 'string') return p.path;
  if (!fromMessage) return null;
  // Node: "ENOSPC: no space left on device, write '/x'" / "…, rename '/a' -> '/b'" (the target last).
  const quoted = [...messageOf(err).matchAll(/'([^']+)'/g)].map((m) => m[1]);
  return quoted.length ? quoted[quoted.length - 1] : null;
}

const NOTHING_SAVED = 'nothing was saved from this step';

/**
 * The failure in the user's words, or null when err is not a refused write. `dataDir` is the
 * Player1 data folder: a refusal inside it is told as the data folder's; one elsewhere (an export
 * to a stick, the CLI's --out) names the folder it happened in. A permission refusal is a storage
 * failure only inside the data folder (elsewhere it is a file the user chose, told by its reader),
 * and never without a path.
 */
export function storageFailure(err: unknown, dataDir: string | null, opts: StorageFailureOptions = {}): StorageFailure | null {
  const fromMessage = opts.fromMessage === true;
  const code = codeOf(err, fromMessage);
  if (!code) return null;
  const problem = PROBLEM[code];
  const path = pathOf(err, fromMessage);
  // Without a path, a permission refusal may be anything (a socket, a process): only a full or
  // read-only disk is then a storage failure (told as the data folder's, where the app writes).
  const ours = dataDir !== null && (path === null ? problem !== 'no-permission' : isInsideDir(dataDir, path));
  if (problem === 'no-permission' && !ours) return null;
  const where = ours ? `the Player1 data folder (${dataDir})` : `the folder of ${path ?? 'the file'}`;
  const message =
    problem === 'full'
      ? `The disk holding ${where} is full: free some space on it and try again; ${NOTHING_SAVED} [${code}]`
      : problem === 'read-only'
        ? `The disk holding ${where} is read-only (write-protected, or mounted read-only): make it writable${ours ? ' or move the data folder to a disk that is' : ''}, and try again; ${NOTHING_SAVED} [${code}]`
        : `This account is not allowed to write in ${where}${path && path !== dataDir ? ` (${path})` : ''}: give it write permission on that folder, or start Player1 as the user who owns it, and try again; ${NOTHING_SAVED} [${code}]`;
  return { problem, code, path, message };
}
