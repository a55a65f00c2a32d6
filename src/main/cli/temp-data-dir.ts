/**
 * The CLI's temporary data dirs (`<tmp>/player1-cli-XXXXXX`, removed when a run ends). A run
 * killed part-way (kill -9, Ctrl-C twice, a power cut) cannot remove its own: each holds an
 * `owner.pid` file, and the next run removes those whose process is gone.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../core/store/startup-sweep.ts';

const PREFIX = 'player1-cli-';
const OWNER = 'owner.pid';
/** A dir without an owner file (killed before it was written) is left a day before it goes. */
const UNOWNED_AGE_MS = 24 * 60 * 60_000;

export function markTempDataDir(dir: string): void {
  writeFileSync(join(dir, OWNER), `${process.pid}\n`);
}

export function sweepStaleCliDirs(tmp: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(tmp).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const n of names) {
    const dir = join(tmp, n);
    try {
      let gone: boolean;
      try {
        const pid = Number(readFileSync(join(dir, OWNER), 'utf8').trim());
        gone = !Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid);
      } catch {
        gone = now - statSync(dir).mtimeMs > UNOWNED_AGE_MS;
      }
      if (gone) {
        rmSync(dir, { recursive: true, force: true });
        removed.push(dir);
      }
    } catch {
      // not ours to judge (permissions), or gone meanwhile
    }
  }
  return removed;
}
