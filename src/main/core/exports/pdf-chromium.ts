/**
 * The report as a PDF through Chromium (playwright-core driving the system's Chromium: the CLI,
 * the dev bridge and the tests; the Electron app prints with its own webContents.printToPDF from
 * the same HTML, src/main/electron/pdf-export.ts). It opens the report file, waits for the
 * viewer's ready signal (fonts and charts mounted), and prints with the report's own @page
 * (A4 portrait; landscape on request). The file is written atomically.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../util/atomic-write.ts';

export type PdfOrientation = 'portrait' | 'landscape';

export interface PdfOptions {
  orientation?: PdfOrientation;
  /** Chromium to drive: P1_CHROMIUM, else /usr/bin/chromium. */
  executablePath?: string;
  /** How long to wait for the report's ready signal (ms). */
  readyTimeoutMs?: number;
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The CSS the printer gets for a landscape page (the report's own @page says portrait). */
export const LANDSCAPE_CSS = '@page { size: A4 landscape; }';

export function chromiumPath(opts: PdfOptions = {}): string {
  return opts.executablePath ?? process.env.P1_CHROMIUM ?? DEFAULT_CHROMIUM;
}

export async function reportToPdf(htmlPath: string, outPath: string, opts: PdfOptions = {}): Promise<{ readyMs: number; totalMs: number }> {
  const exe = chromiumPath(opts);
  if (!existsSync(exe)) throw new Error(`PDF export needs Chromium, not found at ${exe} (install chromium, or set P1_CHROMIUM to its path)`);
  const t0 = performance.now();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    // The report loads nothing but itself; nothing else may be fetched while it prints.
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(pathToFileURL(htmlPath).href);
    await page.locator('html[data-ready="1"]').waitFor({ state: 'attached', timeout: opts.readyTimeoutMs ?? 30_000 });
    const readyMs = performance.now() - t0;
    if (opts.orientation === 'landscape') await page.addStyleTag({ content: LANDSCAPE_CSS });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileAtomic(outPath, pdf);
    return { readyMs, totalMs: performance.now() - t0 };
  } finally {
    await browser.close();
  }
}
