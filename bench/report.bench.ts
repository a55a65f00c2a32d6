/**
 * `npm run bench -- report`: the report of 25 players × 90 minutes (with three periods) made by the
 * CLI, then its size, the time Chromium takes from opening it to its ready signal (fonts and
 * charts mounted; targets < 3 MB and < 1 s), and the PDF export time (Chromium, A4 portrait).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureSampleSession } from '../src/main/core/sample/sample-session.ts';
import { DEFAULT_SAMPLE } from '../src/main/core/sample/scenario.ts';
import { chromiumPath, reportToPdf } from '../src/main/core/exports/pdf-chromium.ts';

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'p1-bench-report-'));
  try {
    const folder = join(dir, 'squad');
    ensureSampleSession(folder, { ...DEFAULT_SAMPLE, players: 25, minutes: 90 });
    const html = join(dir, 'r.html');
    const iso = (m: number) => new Date(DEFAULT_SAMPLE.startMs + m * 60_000).toISOString();
    const root = resolve(import.meta.dirname, '..');
    const r = spawnSync(join(root, 'node_modules', '.bin', 'node'), [join(root, 'bin', 'player1.js'), 'process', folder, '--out', html, '--period', `Warm-up=${iso(0)}/${iso(15)}`, '--period', `Drills=${iso(15)}/${iso(50)}`, '--period', `Game=${iso(50)}/${iso(90)}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const size = statSync(html).size;
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
    const ready: number[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        const t0 = performance.now();
        await page.goto(pathToFileURL(html).href);
        await page.locator('html[data-ready="1"]').waitFor({ state: 'attached', timeout: 30_000 });
        ready.push(performance.now() - t0);
        await page.close();
      }
    } finally {
      await browser.close();
    }
    const t0 = performance.now();
    await reportToPdf(html, join(dir, 'r.pdf'));
    const pdfMs = performance.now() - t0;
    console.log(`report 25 players x 90 min: ${(size / 1e6).toFixed(2)} MB (target < 3 MB)`);
    console.log(`open to ready (Chromium, 1366x768): ${ready.map((t) => `${Math.round(t)} ms`).join(', ')} (target < 1 s)`);
    console.log(`PDF export (Chromium launch + ready + print, A4 portrait): ${Math.round(pdfMs)} ms, ${(statSync(join(dir, 'r.pdf')).size / 1e6).toFixed(2)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
