/**
 * The real Electron app, launched by Playwright. Electron 42+ downloads its binary at the first
 * require('electron'), which this network forbids; the test therefore looks for the binary on
 * disk and skips, saying so, where it is missing.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { _electron } from 'playwright-core';
import { REPO_ROOT } from '../support/shared-data.ts';

const BIN = process.env.P1_ELECTRON_BIN ?? join(REPO_ROOT, 'node_modules', 'electron', 'dist', process.platform === 'win32' ? 'electron.exe' : 'electron');
const HAS = existsSync(BIN);

describe.skipIf(!HAS)(`Electron app${HAS ? '' : ` (skipped: no Electron binary at ${BIN}; it cannot be downloaded on this network — set P1_ELECTRON_BIN to run it)`}`, () => {
  it('opens the main window with the sandboxed preload API', async () => {
    const app = await _electron.launch({
      executablePath: BIN,
      args: [join(REPO_ROOT, 'out', 'main', 'index.js'), `--user-data-dir=${mkdtempSync(join(tmpdir(), 'p1-electron-'))}`],
    });
    try {
      const win = await app.firstWindow();
      await win.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
      const api = await win.evaluate(() => Object.keys((window as unknown as { player1: object }).player1).sort());
      expect(api).toContain('jobs:start');
      expect(api).toContain('on');
      expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});
