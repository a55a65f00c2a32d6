/**
 * `npm run bench -- report`: the report of 25 players × 90 minutes (with three periods) made by the
 * CLI, then its size (and where the bytes are: the viewer script, the model JSON, the timeline's
 * binary series, the static HTML), the time Chromium takes from opening it to its ready signal
 * (fonts, series and charts mounted; targets < 3 MB and < 1 s) as seen from outside and as the page
 * marks it (navigation start to `p1-ready`), the main thread's CPU time to ready, and the PDF
 * export time (Chromium, A4 portrait).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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
    const parts = reportParts(readFileSync(html, 'utf8'));
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
    const ready: number[] = [];
    const marked: number[] = [];
    const cpu: number[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
        const t0 = performance.now();
        await page.goto(pathToFileURL(html).href);
        // A selector wait, not a predicate: the report's CSP forbids eval, which waitForFunction needs.
        await page.locator('html[data-ready="1"]').waitFor({ state: 'attached', timeout: 30_000 });
        ready.push(performance.now() - t0);
        marked.push(await page.evaluate(() => performance.getEntriesByName('p1-ready')[0]?.startTime ?? NaN));
        const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
        cpu.push((metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000);
        await page.close();
      }
    } finally {
      await browser.close();
    }
    const t0 = performance.now();
    await reportToPdf(html, join(dir, 'r.pdf'));
    const pdfMs = performance.now() - t0;
    console.log(`report 25 players x 90 min: ${(size / 1e6).toFixed(2)} MB (target < 3 MB)`);
    console.log(`  of which: viewer script ${mb(parts.viewer)}, model JSON ${mb(parts.json)}, timeline series (1 s, gzip, base64) ${mb(parts.series)}, static HTML and CSS ${mb(parts.html)}`);
    const ms = (v: number[]) => v.map((t) => `${Math.round(t)} ms`).join(', ');
    console.log(`open to ready (Chromium, 1366x768): ${ms(ready)} (target < 1 s); as the page marks it (navigation start to p1-ready): ${ms(marked)}`);
    console.log(`  main-thread CPU to ready: ${ms(cpu)} (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores: wall times above wait for a core)`);
    console.log(`PDF export (Chromium launch + ready + print, A4 portrait): ${Math.round(pdfMs)} ms, ${(statSync(join(dir, 'r.pdf')).size / 1e6).toFixed(2)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (chars: number) => `${(chars / 1e6).toFixed(2)} MB`;

/** The report's parts, in characters (ASCII but for names and text: about bytes). */
function reportParts(h: string): { viewer: number; json: number; series: number; html: number } {
  let end = 0;
  const block = (open: string) => {
    const a = h.indexOf(open, end);
    if (a < 0) return 0;
    end = h.indexOf('</script>', a);
    return end - a - open.length;
  };
  // In page order: the model, the series block, the viewer (whose text may itself hold "<script>").
  const json = block('<script type="application/json" id="report-data">');
  const series = block('<script type="application/octet-stream" id="report-series" data-format="p1-series-1; gzip; base64">');
  const viewerAt = h.indexOf('<script>', end);
  const viewer = viewerAt < 0 ? 0 : h.lastIndexOf('</script>') - viewerAt - '<script>'.length;
  return { viewer, json, series, html: h.length - viewer - json - series };
}
