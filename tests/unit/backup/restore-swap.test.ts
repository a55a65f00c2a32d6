/**
 * The restore swap on a real (temp) folder: start-up does not undo a swap whose owner process is
 * alive, and finishing keeps the old data under a fresh name when the planned one is taken.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { commitSwap, JOURNAL_NAME, recoverRestore, swapIn, workDirOf } from '../../../src/main/core/backup/restore-swap.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'p1-swap-'));
  writeFileSync(join(dir, 'player1.sqlite'), 'old data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A verified backup unpacked under `.restore-<id>/new`. */
function staged(id: string): void {
  mkdirSync(join(workDirOf(dir, id), 'new'), { recursive: true });
  writeFileSync(join(workDirOf(dir, id), 'new', 'player1.sqlite'), 'new data');
}

describe('recoverRestore', () => {
  it('refuses to open while another living Player1 process is swapping, and changes nothing', () => {
    // The vitest parent process: alive, and not this one.
    const id = `${process.ppid}-abc123`;
    staged(id);
    swapIn({ dataDir: dir, id, keepAs: null });
    expect(readFileSync(join(dir, 'player1.sqlite'), 'utf8')).toBe('new data');
    expect(() => recoverRestore(dir)).toThrow(`a backup is being restored by Player1 (process ${process.ppid}): try again when it has finished`);
    expect(readFileSync(join(dir, 'player1.sqlite'), 'utf8')).toBe('new data');
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(true);
  });

  it("rolls back a swap whose owner's pid now belongs to another program (killed, pid reused), but not the owner's own", async () => {
    // A real process holds the pid now; the journal says the swapping process started at another time.
    const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => stranger.once('spawn', r));
      const id = `${stranger.pid}-abc123`;
      staged(id);
      swapIn({ dataDir: dir, id, keepAs: null });
      const journal = JSON.parse(readFileSync(join(dir, JOURNAL_NAME), 'utf8')) as { ownerStart: string | null };
      // Recorded from /proc: the live owner's start, so while it runs the swap is its own.
      expect(journal.ownerStart).toMatch(/^\d+$/);
      expect(() => recoverRestore(dir)).toThrow(`a backup is being restored by Player1 (process ${stranger.pid})`);
      // The swapping process was killed and the system gave its pid to this stranger: a start time one tick earlier.
      writeFileSync(join(dir, JOURNAL_NAME), JSON.stringify({ ...journal, ownerStart: String(Number(journal.ownerStart) - 1) }));
      expect(recoverRestore(dir)).toBe('rolled-back');
      expect(readFileSync(join(dir, 'player1.sqlite'), 'utf8')).toBe('old data');
      expect(readdirSync(dir).sort()).toEqual(['player1.sqlite']);
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  it('rolls back a swap whose owner is gone', () => {
    const id = `999999999-abc123`; // no such pid
    staged(id);
    swapIn({ dataDir: dir, id, keepAs: null });
    expect(recoverRestore(dir)).toBe('rolled-back');
    expect(readFileSync(join(dir, 'player1.sqlite'), 'utf8')).toBe('old data');
    expect(readdirSync(dir).sort()).toEqual(['player1.sqlite']);
  });
});

describe('commitSwap', () => {
  it('keeps the old data under a fresh name when the planned one is taken', () => {
    const id = `${process.pid}-abc123`;
    staged(id);
    const keepAs = 'before-restore-2026-12-07T04-12-30';
    mkdirSync(join(dir, keepAs));
    writeFileSync(join(dir, keepAs, 'player1.sqlite'), 'an earlier restore');
    swapIn({ dataDir: dir, id, keepAs });
    const kept = commitSwap({ dataDir: dir, id, keepAs });
    expect(kept).toBe(join(dir, `${keepAs}-2`));
    expect(readFileSync(join(kept!, 'player1.sqlite'), 'utf8')).toBe('old data');
    expect(readFileSync(join(dir, keepAs, 'player1.sqlite'), 'utf8')).toBe('an earlier restore');
    expect(readFileSync(join(dir, 'player1.sqlite'), 'utf8')).toBe('new data');
  });
});
