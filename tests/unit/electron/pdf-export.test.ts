/**
 * The Electron host's PDF export (src/main/electron/pdf-export.ts) against a fake BrowserWindow
 * (there is no Electron binary here): a hidden, sandboxed window with no preload; every network
 * request cancelled; the report file loaded; printToPDF called only once the report's own ready
 * signal (<html data-ready="1">) is there, with the report's @page (preferCSSPageSize),
 * backgrounds on, and landscape only when asked (with the landscape @page inserted first); the
 * bytes written to the file; the window destroyed whatever happens. The ready wait is the real
 * script the export sends, run against a fake document whose clock the test drives.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { makeTempDir } from '../../support/core.ts';
import { LANDSCAPE_CSS } from '../../../src/main/core/exports/pdf-chromium.ts';

interface FakeWin {
  options: Record<string, unknown>;
  log: string[];
  destroyed: boolean;
  blocked: { urls: string[]; answer: unknown } | null;
  printOptions: unknown;
  /** The page's <html data-ready>, set by the test's "viewer" after `readyAfterMs` of page time. */
  readyAfterMs: number;
  /** Page time spent in the ready wait, ms. */
  waitedMs: number;
  loadFails: Error | null;
}

const PDF_BYTES = Buffer.from('%PDF-1.7 fake bytes');
const state = vi.hoisted(() => ({ windows: [] as unknown[], next: { readyAfterMs: 0, loadFails: null as Error | null } }));

vi.mock('electron', () => {
  class BrowserWindow {
    private readonly w: FakeWin;
    readonly webContents: unknown;
    constructor(options: Record<string, unknown>) {
      const w: FakeWin = { options, log: [], destroyed: false, blocked: null, printOptions: null, readyAfterMs: state.next.readyAfterMs, waitedMs: 0, loadFails: state.next.loadFails };
      this.w = w;
      state.windows.push(w);
      this.webContents = {
        session: {
          webRequest: {
            onBeforeRequest: (filter: { urls: string[] }, listener: (d: unknown, cb: (r: unknown) => void) => void) => {
              w.log.push('block');
              listener({ url: 'https://fonts.example/x.woff2' }, (answer) => (w.blocked = { urls: filter.urls, answer }));
            },
          },
        },
        // The export's own script, run against a page whose clock only moves when it waits.
        executeJavaScript: (code: string) => {
          w.log.push('wait-ready');
          let now = 1_000_000;
          const start = now;
          const documentElement = { dataset: {} as Record<string, string> };
          const tick = () => {
            w.waitedMs = now - start;
            if (now - start >= w.readyAfterMs) documentElement.dataset.ready = '1';
          };
          tick();
          return runInNewContext(code, {
            document: { documentElement },
            Date: { now: () => now },
            Error,
            Promise,
            setTimeout: (fn: () => void, ms: number) => {
              now += ms;
              tick();
              setImmediate(fn);
            },
          }) as Promise<unknown>;
        },
        insertCSS: async (css: string) => void w.log.push(`css:${css}`),
        printToPDF: async (o: unknown) => {
          w.log.push('print');
          w.printOptions = o;
          return PDF_BYTES;
        },
      };
    }
    async loadFile(path: string) {
      this.w.log.push(`load:${path}`);
      if (this.w.loadFails) throw this.w.loadFails;
    }
    destroy() {
      this.w.log.push('destroy');
      this.w.destroyed = true;
    }
  }
  return { BrowserWindow };
});

const { printReportToPdf } = await import('../../../src/main/electron/pdf-export.ts');

describe('Electron PDF export (fake BrowserWindow)', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('p1-electron-pdf-');
    state.windows.length = 0;
    state.next = { readyAfterMs: 0, loadFails: null };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const last = () => state.windows.at(-1) as FakeWin;

  it('prints A4 portrait with the report\'s @page and backgrounds, once the report says it is ready', async () => {
    state.next.readyAfterMs = 750; // the viewer sets data-ready after 0.75 s of fonts and charts
    const out = join(dir, 'r.pdf');
    await printReportToPdf('/reports/s1/report.html', out, { orientation: 'portrait' });
    const w = last();
    expect(state.windows).toHaveLength(1);
    // Hidden, sandboxed, isolated, no Node and no preload: the report gets no API.
    expect(w.options.show).toBe(false);
    const prefs = w.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBeUndefined();
    // The network is cut before the report loads.
    expect(w.blocked).toEqual({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'], answer: { cancel: true } });
    // Loaded, waited for ready, printed (no landscape CSS), then destroyed, in that order.
    expect(w.log).toEqual(['block', 'load:/reports/s1/report.html', 'wait-ready', 'print', 'destroy']);
    // The wait lasted until the ready signal (polled every 50 ms), not less.
    expect(w.waitedMs).toBeGreaterThanOrEqual(750);
    expect(w.waitedMs).toBeLessThan(750 + 50 + 1);
    expect(w.printOptions).toEqual({ preferCSSPageSize: true, printBackground: true, landscape: false });
    expect(readFileSync(out)).toEqual(PDF_BYTES);
  });

  it('prints landscape with the landscape @page inserted before printing', async () => {
    const out = join(dir, 'l.pdf');
    await printReportToPdf('/r.html', out, { orientation: 'landscape' });
    const w = last();
    expect(w.log).toEqual(['block', 'load:/r.html', 'wait-ready', `css:${LANDSCAPE_CSS}`, 'print', 'destroy']);
    expect(LANDSCAPE_CSS).toContain('A4 landscape');
    expect(w.printOptions).toEqual({ preferCSSPageSize: true, printBackground: true, landscape: true });
    expect(readFileSync(out)).toEqual(PDF_BYTES);
  });

  it('gives up after 30 s without the ready signal: no print, no file, the window destroyed', async () => {
    state.next.readyAfterMs = Infinity;
    const out = join(dir, 'never.pdf');
    await expect(printReportToPdf('/r.html', out, { orientation: 'portrait' })).rejects.toThrow('the report did not finish drawing');
    const w = last();
    expect(w.waitedMs).toBeGreaterThan(30_000);
    expect(w.waitedMs).toBeLessThanOrEqual(30_000 + 50);
    expect(w.log).toEqual(['block', 'load:/r.html', 'wait-ready', 'destroy']);
    expect(existsSync(out)).toBe(false);
  });

  it('destroys the window when the report cannot be loaded', async () => {
    state.next.loadFails = new Error('ERR_FILE_NOT_FOUND (-6) loading file:///gone.html');
    const out = join(dir, 'gone.pdf');
    await expect(printReportToPdf('/gone.html', out, { orientation: 'portrait' })).rejects.toThrow('ERR_FILE_NOT_FOUND');
    expect(last().log).toEqual(['block', 'load:/gone.html', 'destroy']);
    expect(existsSync(out)).toBe(false);
  });
});
