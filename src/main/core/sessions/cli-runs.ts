/**
 * Sessions a command-line run (`player1 process … --data-dir DIR`) is building. The run marks its
 * session in `<dataDir>/cli-runs/<sessionId>.json` (pid, host) as soon as it creates it and
 * removes the mark when it ends, well or not (a clean failure says why; its session is then the
 * user's like any other, and may be worked on in the app). A run killed part-way (kill -9, a power cut) cannot: its session
 * stays PENDING with whatever files it had linked, looking like a session the user made. At the
 * next start on that data dir (the app or another CLI run), a mark whose process is gone on this
 * host is an abandoned run: its session, if it is still PENDING and was never processed, is
 * deleted (the run's inputs are where the user pointed it; running the command again rebuilds
 * it), and the raw-store files only it referred to become orphans for the raw-store sweep. A
 * session the run got further with (interrupted, completed) stays, as any other session does.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import type { SessionsRepo } from '../db/sessions.repo.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { isProcessAlive } from '../store/startup-sweep.ts';

const DIR = 'cli-runs';

export interface AbandonedCliSession {
  sessionId: string;
  name: string;
  pid: number;
}

export function markCliRun(dataDir: string, sessionId: string): void {
  mkdirSync(join(dataDir, DIR), { recursive: true });
  writeFileAtomic(join(dataDir, DIR, `${sessionId}.json`), JSON.stringify({ pid: process.pid, host: hostname(), sessionId }));
}

export function endCliRun(dataDir: string, sessionId: string): void {
  rmSync(join(dataDir, DIR, `${sessionId}.json`), { force: true });
}

/** Deletes the never-processed sessions of CLI runs that are gone; returns them. */
export function sweepAbandonedCliRuns(dataDir: string, db: Db, sessions: SessionsRepo, alive: (pid: number) => boolean = isProcessAlive): AbandonedCliSession[] {
  const dir = join(dataDir, DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const removed: AbandonedCliSession[] = [];
  for (const n of names) {
    const file = join(dir, n);
    let mark: { pid: number; host: string; sessionId: string };
    try {
      mark = JSON.parse(readFileSync(file, 'utf8')) as typeof mark;
    } catch {
      continue; // being written (atomic: never half), or unreadable: left alone
    }
    // Another host's run (a data dir on a shared drive) cannot be checked: left alone.
    if (mark.host !== hostname() || alive(mark.pid)) continue;
    const gone = db
      .transaction(() => {
        const s = sessions.get(mark.sessionId);
        if (!s || s.processingStatus !== 'PENDING' || s.lastProcessedAt !== null) return null;
        sessions.delete(s.id);
        return { sessionId: s.id, name: s.name, pid: mark.pid };
      })
      .immediate();
    if (gone) removed.push(gone);
    rmSync(file, { force: true });
  }
  return removed;
}
