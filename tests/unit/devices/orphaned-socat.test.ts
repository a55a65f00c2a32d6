/**
 * A demo link's socat outlives an app that is killed (kill -9): it is marked with its app's pid in
 * its environment, found once that app is gone, and ended at the next demo start. Real socat, a
 * real child process killed with SIGKILL.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/main/core/node-paths.ts';
import { createPtyPair, endOrphanedSocat, orphanedSocat, socatAvailable } from '../../../src/main/core/devices/sim/pty-pair.ts';
import { isProcessAlive } from '../../../src/main/core/store/startup-sweep.ts';

const HAS_SOCAT = socatAvailable() && process.platform === 'linux';
const PTY = pathToFileURL(join(REPO_ROOT, 'src', 'main', 'core', 'devices', 'sim', 'pty-pair.ts')).href;

/** A process that opens a demo link, says its socat's pid, then is killed with SIGKILL. */
function killedOwner(): Promise<number> {
  return new Promise((resolve, reject) => {
    const script = `const { createPtyPair } = await import(${JSON.stringify(PTY)}); await createPtyPair(); const kids = (await import('node:fs')).readFileSync('/proc/' + process.pid + '/task/' + process.pid + '/children', 'utf8').trim(); console.log(kids); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (b) => {
      out += String(b);
      if (out.includes('\n')) {
        const socat = Number(out.trim().split(/\s+/)[0]);
        child.once('exit', () => resolve(socat));
        child.kill('SIGKILL');
      }
    });
    child.once('error', reject);
  });
}

describe.skipIf(!HAS_SOCAT)(`socat left by a killed app${HAS_SOCAT ? '' : ' (skipped: needs socat on Linux)'}`, () => {
  it('is found once its app is gone and ended; a live app\'s socat is not touched', async () => {
    const mine = await createPtyPair(); // this process is alive: its socat is not an orphan
    try {
      const socat = await killedOwner();
      expect(socat).toBeGreaterThan(0);
      expect(isProcessAlive(socat)).toBe(true); // outlived its app
      expect(orphanedSocat()).toContain(socat);
      expect(endOrphanedSocat()).toContain(socat);
      for (let i = 0; i < 100 && isProcessAlive(socat); i++) await new Promise((r) => setTimeout(r, 20));
      expect(isProcessAlive(socat)).toBe(false);
      expect(mine.alive).toBe(true);
      expect(orphanedSocat()).not.toContain(socat);
    } finally {
      await mine.close();
    }
  });
});
