/**
 * Which process holds something (a sync lease, a restore journal), told apart from a later
 * process that was given the same pid. A pid alone is not an identity: after a kill -9 the system
 * hands the pid to the next program, and "is pid N alive?" then answers yes for a stranger. So a
 * holder is recorded as pid + the process's start time (+ host), and it is gone when no process
 * has that pid, or the process that has it started at another time.
 *
 * Start time: field 22 of /proc/<pid>/stat (clock ticks after boot), on Linux. Where there is no
 * /proc (macOS, Windows) it is null and the pid alone decides, as before.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  pid: number;
  /** The process's start time as /proc gives it; null where it cannot be read. */
  start: string | null;
  host: string;
}

/** A recorded holder; start or host null when not recorded (older rows, older journals). */
export interface ProcessHolder {
  pid: number;
  start: string | null;
  host: string | null;
}

/** The start time of process `pid` (clock ticks after boot, as text), or null: no such process, or no /proc. */
export function processStart(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and ')', so count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After comm: field 3 (state) is fields[0], so field 22 (starttime) is fields[19].
  const start = fields[19];
  return start && /^\d+$/.test(start) ? start : null;
}

let self: ProcessIdentity | null = null;
/** This process. */
export function thisProcess(): ProcessIdentity {
  if (self === null || self.pid !== process.pid) self = { pid: process.pid, start: processStart(process.pid), host: hostname() };
  return self;
}

/** Whether a process with this pid exists (EPERM: it does, another user's). */
export function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the holder is certainly gone: on this host, and no process has its pid, or the one
 * that has it started at another time (the pid was reused). A holder on another host (a data
 * folder on a shared drive) cannot be checked here: false.
 */
export function isHolderGone(h: ProcessHolder): boolean {
  const me = thisProcess();
  if (h.host !== null && h.host !== me.host) return false;
  if (h.pid === me.pid) return h.start !== null && me.start !== null && h.start !== me.start;
  if (!pidExists(h.pid)) return true;
  if (h.start === null) return false;
  const now = processStart(h.pid);
  return now !== null && now !== h.start;
}
