/**
 * A real pseudo-terminal pair joined by socat (`socat -d -d pty,raw,echo=0 pty,raw,echo=0`):
 * bytes written to one end come out of the other, through the kernel's tty layer, exactly as a
 * USB CDC port behaves for the host. The emulator opens one end, the app the other.
 * close() kills socat, which makes both ends vanish: that is how a test "unplugs" a unit.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { isProcessAlive } from '../../store/startup-sweep.ts';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';

export interface PtyPair {
  /** The end the app (host) opens. */
  hostPath: string;
  /** The end the emulated unit opens. */
  unitPath: string;
  readonly alive: boolean;
  /** Kills socat: both ends disappear, as when a cable is pulled. */
  close(): Promise<void>;
}

/** socat's absolute path, found once; null when it is not on PATH. */
let socatPath: string | null | undefined;

/**
 * Where socat is, looked up on PATH with the file system (no child process: a spawnSync blocked the
 * core's event loop for as long as `socat -V` took to start and exit), or null.
 */
export function findSocat(path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const candidate = join(dir, 'socat');
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function socatAvailable(): boolean {
  if (socatPath === undefined) socatPath = findSocat();
  return socatPath !== null;
}

/**
 * socat could not be used: it did not start (`spawn`: missing, not executable), or ended before its
 * ptys were ready (`exit`: a broken install), or did not say so in time (`timeout`: a loaded machine).
 */
export class PtyStartError extends Error {
  readonly reason: 'spawn' | 'exit' | 'timeout';
  constructor(reason: 'spawn' | 'exit' | 'timeout', message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Names, in each socat's environment, the process its demo link belongs to (its pid): socat is not
 * ended with an app that is killed (kill -9, a crash) and would run on for good.
 */
export const SOCAT_OWNER_ENV = 'P1_DEMO_SOCAT_OWNER';

/** socat processes that demo links started for an app that is gone (Linux: read from /proc; elsewhere none). */
export function orphanedSocat(): number[] {
  if (process.platform !== 'linux') return [];
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'socat') continue;
      const owner = readFileSync(`/proc/${d}/environ`, 'utf8')
        .split('\0')
        .find((e) => e.startsWith(`${SOCAT_OWNER_ENV}=`));
      const pid = Number(owner?.slice(SOCAT_OWNER_ENV.length + 1));
      if (Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid)) out.push(Number(d));
    } catch {
      // gone meanwhile, or another user's
    }
  }
  return out;
}

/** Ends the socat processes a killed app left (at the next demo start); the pids it signalled. */
export function endOrphanedSocat(): number[] {
  const pids = orphanedSocat();
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  return pids;
}

export async function createPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  // By its absolute path: spawning by name has the child try each PATH entry in turn while the
  // core's event loop waits for the exec to succeed.
  const child: ChildProcess = spawn(socatAvailable() ? socatPath! : 'socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, [SOCAT_OWNER_ENV]: String(process.pid) },
  });
  let alive = true;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      alive = false;
      resolve();
    });
  });
  const paths = await new Promise<string[]>((resolve, reject) => {
    let text = '';
    const found: string[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new PtyStartError('timeout', `socat did not report two ptys within ${timeoutMs} ms: ${text.trim()}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new PtyStartError('spawn', `cannot start socat: ${err.message}`));
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      text += s;
      for (const m of s.matchAll(/PTY is (\S+)/g)) found.push(m[1]);
      if (found.length >= 2 && /starting data transfer loop/.test(text)) {
        clearTimeout(timer);
        resolve(found.slice(0, 2));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new PtyStartError('exit', `socat exited (${code}) before the ptys were ready: ${text.trim()}`));
    });
  });
  // Keep draining stderr so socat never blocks on a full pipe.
  child.stderr!.resume();
  return {
    hostPath: paths[0],
    unitPath: paths[1],
    get alive() {
      return alive;
    },
    async close() {
      if (!alive) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(t);
    },
  };
}
