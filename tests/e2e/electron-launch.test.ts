/**
 * The real Electron app, launched by Playwright. Electron 42+ downloads its binary at the first
 * require('electron'), which this network forbids; the test therefore looks for the binary on
 * disk and skips, saying so, where it is missing. Where it runs, it also exports a session's PDF
 * through the app's own printer (webContents.printToPDF, src/main/electron/pdf-export.ts) and reads
 * the pages back with pdfinfo: A4 portrait, and A4 landscape when asked.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { _electron, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/shared-data.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../support/sample.ts';

const BIN = process.env.P1_ELECTRON_BIN ?? join(REPO_ROOT, 'node_modules', 'electron', 'dist', process.platform === 'win32' ? 'electron.exe' : 'electron');
const HAS = existsSync(BIN);
const HAS_POPPLER = spawnSync('pdfinfo', ['-v']).status === 0;

const launch = () =>
  _electron.launch({
    executablePath: BIN,
    args: [join(REPO_ROOT, 'out', 'main', 'index.js'), `--user-data-dir=${mkdtempSync(join(tmpdir(), 'p1-electron-'))}`],
  });

/** A contract method called through the window's preload API (window.player1), as the app's pages call it. */
async function call<T>(win: Page, method: string, input: unknown): Promise<T> {
  return win.evaluate(
    async ([m, i]) => {
      const api = (window as unknown as { player1: Record<string, (x: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>> }).player1;
      const r = await api[m as string](i);
      if (!r.ok) throw new Error(r.error!.message);
      return r.value;
    },
    [method, input] as const,
  ) as Promise<T>;
}

function pageSizes(pdf: string): string[] {
  const info = spawnSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' }).stdout;
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`);
}

describe.skipIf(!HAS)(`Electron app${HAS ? '' : ` (skipped: no Electron binary at ${BIN}; it cannot be downloaded on this network — set P1_ELECTRON_BIN to run it)`}`, () => {
  it('opens the main window with the sandboxed preload API', async () => {
    const app = await launch();
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

  it.skipIf(!HAS_POPPLER)(`exports the PDF with Electron's printToPDF: A4 portrait, and landscape when asked${HAS_POPPLER ? '' : ' (skipped: pdfinfo not found)'}`, async () => {
    const app = await launch();
    try {
      const win = await app.firstWindow();
      await win.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
      const s = await call<{ id: string }>(win, 'sessions:create', { name: 'Electron PDF', startMs: SAMPLE_OPTIONS.startMs, endMs: SAMPLE_OPTIONS.startMs + SAMPLE_OPTIONS.minutes * 60_000 });
      await call(win, 'sessions:importFolder', { id: s.id, folder: SAMPLE_DIR });
      await call(win, 'jobs:start', { sessionId: s.id });
      await expect.poll(async () => (await call<{ status: string }>(win, 'jobs:status', { sessionId: s.id })).status, { timeout: 120_000, interval: 500 }).toBe('COMPLETED');
      for (const [orientation, size] of [['portrait', '595x842'], ['landscape', '842x595']] as const) {
        const folder = mkdtempSync(join(tmpdir(), `p1-electron-${orientation}-`));
        const r = await call<{ files: { path: string }[]; canOpen: boolean }>(win, 'exports:save', { sessionId: s.id, folder, kinds: ['pdf'], orientation });
        expect(r.canOpen).toBe(true); // Electron opens folders (shell.openPath)
        expect(readdirSync(folder)).toEqual(['Electron PDF 2026-03-14.pdf']);
        const sizes = pageSizes(r.files[0].path);
        expect(sizes.length).toBeGreaterThan(0);
        expect(new Set(sizes)).toEqual(new Set([size]));
      }
    } finally {
      await app.close();
    }
  }, 180_000);
});
