/**
 * Demo mode finds socat on PATH with the file system (devices/sim/pty-pair.ts findSocat) instead
 * of running `socat -V`, and spawns it by that absolute path.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSocat } from '../../../src/main/core/devices/sim/pty-pair.ts';

const root = mkdtempSync(join(tmpdir(), 'p1-socat-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dir(name: string, socat?: { mode: number } | 'dir'): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  if (socat === 'dir') mkdirSync(join(d, 'socat'));
  else if (socat) {
    writeFileSync(join(d, 'socat'), '#!/bin/sh\n');
    chmodSync(join(d, 'socat'), socat.mode);
  }
  return d;
}

describe('findSocat', () => {
  it('returns the first executable file named socat on PATH, skipping non-executables, folders and relative entries', () => {
    const noExec = dir('no-exec', { mode: 0o644 });
    const folder = dir('folder', 'dir');
    const empty = dir('empty');
    const first = dir('first', { mode: 0o755 });
    const second = dir('second', { mode: 0o755 });
    // Run as root, X_OK holds for a file with any execute bit; a 0644 file has none.
    expect(findSocat(['relative/bin', noExec, folder, empty, first, second].join(delimiter))).toBe(join(first, 'socat'));
  });

  it('returns null when no PATH entry holds it', () => {
    expect(findSocat([dir('a'), dir('b', { mode: 0o644 })].join(delimiter))).toBeNull();
    expect(findSocat('')).toBeNull();
  });

  it("agrees with the shell's `command -v socat` on this machine's PATH", () => {
    const shell = spawnSync('/bin/sh', ['-c', 'command -v socat'], { encoding: 'utf8' });
    const found = findSocat();
    // The same file (the shell keeps a PATH entry's trailing slash: /usr/bin//socat).
    expect(found === null ? null : realpathSync(found)).toBe(shell.status === 0 ? realpathSync(shell.stdout.trim()) : null);
  });
});
