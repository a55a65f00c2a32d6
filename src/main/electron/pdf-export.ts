/**
 * The Electron host's PDF export: the report file printed by Chromium inside Electron
 * (webContents.printToPDF with the report's own @page, A4, backgrounds on), from the same HTML the
 * CLI prints through playwright-core (core/exports/pdf-chromium.ts). A hidden, sandboxed window
 * with no preload loads the report, waits for its ready signal (fonts and charts mounted), prints,
 * and is destroyed. The file is written atomically.
 */
import { BrowserWindow } from 'electron';
import { writeFileAtomic } from '../core/util/atomic-write.ts';
import { LANDSCAPE_CSS } from '../core/exports/pdf-chromium.ts';

export async function printReportToPdf(htmlPath: string, outPath: string, opts: { orientation: 'portrait' | 'landscape' }): Promise<void> {
  const win = new BrowserWindow({
    show: false,
    width: 1366,
    height: 768,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: true,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    // The report loads nothing but itself.
    win.webContents.session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_d, cb) => cb({ cancel: true }));
    await win.loadFile(htmlPath);
    await win.webContents.executeJavaScript(
      `new Promise((ok, fail) => { const t0 = Date.now(); (function wait() { if (document.documentElement.dataset.ready === '1') ok(true); else if (Date.now() - t0 > 30000) fail(new Error('the report did not finish drawing')); else setTimeout(wait, 50); })(); })`,
    );
    if (opts.orientation === 'landscape') await win.webContents.insertCSS(LANDSCAPE_CSS);
    const pdf = await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, landscape: opts.orientation === 'landscape' });
    writeFileAtomic(outPath, pdf);
  } finally {
    win.destroy();
  }
}
