/**
 * Which process runs a job, and whether it still does. A run is claimed with the owner's pid and
 * host and kept alive by a heartbeat; at start-up a run counts as live only if its heartbeat is
 * recent and, on this host, its process still exists. A pid reused by another program after a
 * crash does not keep a dead run alive for long: the heartbeat goes stale.
 */
import { hostname } from 'node:os';

export interface RunnerId {
  pid: number;
  host: string;
}

/** What the database holds about a run's owner (null for runs claimed before owners were kept). */
export interface RunOwner {
  pid: number | null;
  host: string | null;
  seenAt: number | null;
}

export const HEARTBEAT_MS = 5_000;
/** A run whose owner has been silent this long is not running any more. */
export const STALE_AFTER_MS = 4 * HEARTBEAT_MS;

export function thisRunner(): RunnerId {
  return { pid: process.pid, host: hostname() };
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isRunLive(
  owner: RunOwner,
  self: RunnerId,
  now: number,
  exists: (pid: number) => boolean = processExists,
): boolean {
  if (owner.pid == null || owner.host == null || owner.seenAt == null) return false;
  if (now - owner.seenAt > STALE_AFTER_MS) return false;
  // Another host's process (a data dir on a shared drive) cannot be checked: its heartbeat decides.
  return owner.host !== self.host || exists(owner.pid);
}
