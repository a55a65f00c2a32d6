/**
 * The exports, end to end through the CLI as a user runs it: `player1 process ... --out --json
 * --pdf --csv --metadata`. The PDF is read back with poppler (pdfinfo, pdftotext): every page is
 * A4 (595 × 842 pt, or 842 × 595 landscape, also through --landscape), the text holds every
 * player's name and every headline column on a 25-player session, the periods chart's captions
 * name the highest period, no chart button or table tool prints; on a 60-player session every page
 * that shows rows of the team table also shows its header, and no row is split nor column clipped.
 * A PDF that cannot be printed exits 1 with the reason and leaves the other files written. The CSV is parsed back (the import's own RFC 4180 parser) and every
 * value equals the metrics JSON's, to the unit; the metadata CSV reads back as the folder's meta.csv.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeTempDir } from '../support/core.ts';
import { REPO_ROOT } from '../support/shared-data.ts';
import { HAS_CHROMIUM, CHROMIUM_SKIP_REASON, launchBrowser } from '../support/browser.ts';
import { ensureSampleSession } from '../../src/main/core/sample/sample-session.ts';
import { DEFAULT_SAMPLE } from '../../src/main/core/sample/scenario.ts';
import { parseCsvRecords } from '../../src/main/core/formats/meta-csv.ts';
import { CSV_LEAD_COLUMNS, csvColumns, csvHeader, csvMetricDefs } from '../../src/main/core/exports/tidy-csv.ts';
import { reportToPdf } from '../../src/main/core/exports/pdf-chromium.ts';
import { headlineMetrics } from '../../src/shared/domain/metrics.ts';
import { shortLabel } from '../../src/shared/domain/team-view.ts';
import { formatInUnits } from '../../src/shared/domain/format.ts';
import type { MetricsJson } from '../../src/main/core/report/metrics-json.ts';
import { periodMeans } from '../support/period-means.ts';

const NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');
const cli = (...args: string[]) => cliWith({}, ...args);
const cliWith = (env: Record<string, string>, ...args: string[]) => spawnSync(NODE, [join(REPO_ROOT, 'bin', 'player1.js'), ...args], { encoding: 'utf8', cwd: REPO_ROOT, env: { ...process.env, ...env } });
const HAS_POPPLER = spawnSync('pdfinfo', ['-v']).status === 0;
const VIEWER_BUILT = existsSync(join(REPO_ROOT, 'out', 'report-viewer', 'report-viewer.js'));
const SKIP = !HAS_CHROMIUM ? CHROMIUM_SKIP_REASON : !HAS_POPPLER ? 'pdfinfo/pdftotext not found (apt install poppler-utils)' : !VIEWER_BUILT ? 'run npm run build first' : null;

/** Every page's size in points, from pdfinfo. */
function pageSizes(pdf: string): { w: number; h: number }[] {
  const info = spawnSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' }).stdout;
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ w: Number(m[1]), h: Number(m[2]) }));
}
const pageText = (pdf: string, page?: number) =>
  spawnSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;

const T0 = Date.UTC(2026, 2, 14, 10);
const iso = (min: number) => new Date(T0 + min * 60_000).toISOString();

describe.skipIf(SKIP !== null)(`exports from the CLI${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  let dir: string;
  let out: { html: string; json: string; pdf: string; csv: string; meta: string };
  let names: string[];

  beforeAll(() => {
    dir = makeTempDir('p1-exports-');
    const folder = join(dir, 'squad');
    ensureSampleSession(folder, { ...DEFAULT_SAMPLE, players: 25, minutes: 6 });
    out = { html: join(dir, 'r.html'), json: join(dir, 'm.json'), pdf: join(dir, 'r.pdf'), csv: join(dir, 'r.csv'), meta: join(dir, 'm.csv') };
    const r = cli('process', folder, '--out', out.html, '--json', out.json, '--pdf', out.pdf, '--csv', out.csv, '--metadata', out.meta, '--period', `Warm-up=${iso(0)}/${iso(3)}`, '--period', `Game=${iso(3)}/${iso(6)}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`report: ${out.html}\nmetrics: ${out.json}\npdf: ${out.pdf}\ncsv: ${out.csv}\nmetadata: ${out.meta}\n`);
    names = (JSON.parse(readFileSync(out.json, 'utf8')) as MetricsJson).players.map((p) => p.player_name);
    expect(names).toHaveLength(25);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints A4 portrait pages holding every player and every headline column', () => {
    const sizes = pageSizes(out.pdf);
    expect(sizes.length).toBeGreaterThan(1);
    for (const s of sizes) expect([Math.round(s.w), Math.round(s.h)]).toEqual([595, 842]);
    const text = pageText(out.pdf);
    for (const n of names) expect(text).toContain(n);
    for (const d of headlineMetrics()) expect(text).toContain(shortLabel(d));
    // The charts printed (their captions), the sections are there, nothing says scripts are off.
    for (const t of ['Pitch-side summary', 'Timeline', 'Periods compared', 'over time', 'Data quality', 'Thresholds used']) expect(text).toContain(t);
    expect(text).not.toContain('Scripts are off');
    // The periods chart printed: its captions name, for each measure, the period with the highest
    // team mean, worked out here from the metrics JSON (the static table beside it says no "highest").
    const json = JSON.parse(readFileSync(out.json, 'utf8')) as MetricsJson;
    const periods = ['Warm-up', 'Game'].map((name) => ({ name, rows: json.players.flatMap((p) => p.periods.filter((x) => x.name === name)) }));
    for (const per of periods) expect(per.rows).toHaveLength(25);
    // In content order (-raw): the captions stand side by side on the page, and -layout interleaves their lines.
    const flat = spawnSync('pdftotext', ['-raw', out.pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout.replace(/\s+/g, ' ');
    for (const m of periodMeans(periods)) {
      expect(m.highest).not.toBeNull();
      expect(flat).toMatch(new RegExp(`${m.title} \\([^)]*\\), team mean; highest: ${m.highest}`));
    }
  });

  it('prints none of the chart buttons and table tools the screen shows', async () => {
    // The tools' own words, found nowhere else in the report (checked on the PDF below); compared
    // with the white space taken out (buttons side by side have none between them in innerText).
    const tools = ['Whole session', 'Filter players', 'Columns', 'Chart for:', 'Speed Heart rate PlayerLoad', /Positiongroup(?!s)/];
    const has = (text: string, t: string | RegExp) => (typeof t === 'string' ? text.includes(t.replace(/ /g, '')) : t.test(text));
    const b = await launchBrowser();
    try {
      const page = await b.context.newPage();
      await page.goto(pathToFileURL(out.html).href);
      await page.locator('html[data-ready="1"]').waitFor();
      const screen = (await page.locator('body').innerText()).replace(/\s+/g, '');
      for (const t of tools) expect(has(screen, t), String(t)).toBe(true);
      // The tools are on screen as controls: the timeline's measures and zoom, the team table's
      // columns, filter and position group, the team chart's scope.
      expect(await page.locator('.p1-chart-tools button:visible').count()).toBe(3 + 1 + 2);
      expect(await page.locator('.p1-table-tools select:visible, .p1-table-tools input:visible').count()).toBe(3);
      expect(await page.locator('.metric-picker[aria-label="Chart for"] button:visible').count()).toBe(1 + 2);
      expect(await page.locator('.metric-picker button:visible').count()).toBeGreaterThan(3); // and the metric to chart
      await page.emulateMedia({ media: 'print' });
      const printed = (await page.locator('body').innerText()).replace(/\s+/g, '');
      for (const t of tools) expect(has(printed, t), String(t)).toBe(false);
    } finally {
      await b.close();
    }
    const pdf = spawnSync('pdftotext', ['-raw', out.pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout.replace(/\s+/g, '');
    expect(pdf).toContain('Periodscompared'); // the text is there at all
    for (const t of tools) expect(has(pdf, t), String(t)).toBe(false);
  }, 60_000);

  it('prints A4 landscape from the same HTML when asked', async () => {
    const pdf = join(dir, 'landscape.pdf');
    await reportToPdf(out.html, pdf, { orientation: 'landscape' });
    const sizes = pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(0);
    for (const s of sizes) expect([Math.round(s.w), Math.round(s.h)]).toEqual([842, 595]);
    const text = pageText(pdf);
    for (const n of names) expect(text).toContain(n);
  }, 60_000);

  it('--landscape prints every page A4 landscape, 842 × 595 pt, from the CLI', () => {
    const html = join(dir, 'cli-landscape.html');
    const pdf = join(dir, 'cli-landscape.pdf');
    const r = cli('process', join(dir, 'squad'), '--out', html, '--pdf', pdf, '--landscape');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`report: ${html}\npdf: ${pdf}\n`);
    const sizes = pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(0);
    for (const s of sizes) expect([Math.round(s.w), Math.round(s.h)]).toEqual([842, 595]);
    const text = pageText(pdf);
    for (const n of names) expect(text).toContain(n);
    // Alone it is a usage error, before anything is read.
    const alone = cli('process', join(dir, 'squad'), '--out', join(dir, 'never.html'), '--landscape');
    expect(alone.status).toBe(2);
    expect(alone.stderr.split('\n')[0]).toBe('player1 process: --landscape applies to --pdf <report.pdf>');
    expect(existsSync(join(dir, 'never.html'))).toBe(false);
  }, 120_000);

  it('a PDF that cannot be printed: exit 1, a message naming the PDF and why, the report, JSON, CSV and metadata already written stay', () => {
    const outputs = (tag: string) => ({ html: join(dir, `${tag}.html`), json: join(dir, `${tag}.json`), csv: join(dir, `${tag}.csv`), meta: join(dir, `${tag}-meta.csv`), pdf: join(dir, `${tag}.pdf`) });
    const args = (o: ReturnType<typeof outputs>) => ['process', join(dir, 'squad'), '--out', o.html, '--json', o.json, '--csv', o.csv, '--metadata', o.meta, '--pdf', o.pdf];
    const keptWhole = (o: ReturnType<typeof outputs>) => {
      // Each already written file is complete: the report ends, the JSON parses with every player,
      // the CSV a row per player (no periods given here), the metadata a row per unit.
      const html = readFileSync(o.html, 'utf8');
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      for (const n of names) expect(html).toContain(n);
      expect((JSON.parse(readFileSync(o.json, 'utf8')) as MetricsJson).players.map((p) => p.player_name).sort()).toEqual([...names].sort());
      expect(parseCsvRecords(readFileSync(o.csv, 'utf8').slice(1))).toHaveLength(1 + 25);
      expect(parseCsvRecords(readFileSync(o.meta, 'utf8'))).toHaveLength(1 + 25);
    };

    // No Chromium where P1_CHROMIUM says.
    const a = outputs('no-chromium');
    const missing = join(dir, 'no', 'chromium');
    const r1 = cliWith({ P1_CHROMIUM: missing }, ...args(a));
    expect(r1.status).toBe(1);
    expect(r1.stdout).toBe('');
    expect(r1.stderr.trim()).toBe(`player1 process: the PDF could not be written to ${a.pdf}: PDF export needs Chromium, not found at ${missing} (install chromium, or set P1_CHROMIUM to its path)`);
    expect(existsSync(a.pdf)).toBe(false);
    keptWhole(a);

    // Printed, but the PDF's path is a folder: the system's reason.
    const b = outputs('pdf-is-a-folder');
    mkdirSync(b.pdf);
    const r2 = cli(...args(b));
    expect(r2.status).toBe(1);
    expect(r2.stdout).toBe('');
    expect(r2.stderr.trim()).toMatch(new RegExp(`^player1 process: the PDF could not be written to ${b.pdf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: E(ISDIR|NOTEMPTY|EXIST)\\b`));
    expect(readdirSync(b.pdf)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.includes('pdf-is-a-folder.pdf') && f.endsWith('.tmp'))).toEqual([]); // no temporary file left
    keptWhole(b);
  }, 180_000);

  it('writes a tidy CSV whose every value is the metrics JSON\'s, to the unit', () => {
    const raw = readFileSync(out.csv, 'utf8');
    expect(raw.startsWith('\ufeff')).toBe(true);
    const records = parseCsvRecords(raw.slice(1)).map((r) => r.fields);
    const [head, ...rows] = records;
    expect(head).toEqual(csvColumns());
    expect(head.slice(0, CSV_LEAD_COLUMNS.length)).toEqual([...CSV_LEAD_COLUMNS]);
    // One row per player for the session, then one per player and period; the same width on every row.
    expect(rows).toHaveLength(25 * 3);
    for (const r of rows) expect(r).toHaveLength(head.length);
    const json = JSON.parse(readFileSync(out.json, 'utf8')) as MetricsJson;
    const col = (name: string) => head.indexOf(name);
    let compared = 0;
    for (const r of rows) {
      const p = json.players.find((x) => x.device_id === r[col('device_id')])!;
      expect(r[col('player_name')]).toBe(p.player_name);
      const scope = r[col('scope')];
      const metrics = scope === 'session' ? p.metrics : p.periods.find((x) => x.name === r[col('period_name')])!.metrics;
      if (scope === 'period') {
        const per = p.periods.find((x) => x.name === r[col('period_name')])!;
        expect(r[col('period_start_utc')]).toBe(new Date(per.start_ms).toISOString());
        expect(Number(r[col('coverage_fraction')])).toBe(per.coverage);
      } else expect(r[col('period_name')]).toBe('');
      for (const d of csvMetricDefs()) {
        const cell = r[col(csvHeader(d))];
        const v = metrics[d.key] ?? null;
        if (v === null) expect(cell).toBe('');
        else expect(Number(cell)).toBe(v);
        compared++;
      }
    }
    expect(compared).toBe(75 * csvMetricDefs().length);
    // Units in the headers; ISO 8601 times.
    expect(head).toContain('distance_m');
    expect(head).toContain('player_load_au');
    expect(head).toContain('sprint_efforts_count');
    expect(rows[0][col('session_start_utc')]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("the report's definitions name, for every metric, a column of the exported CSV's header and the metrics JSON's key", () => {
    const head = parseCsvRecords(readFileSync(out.csv, 'utf8').replace(/^\ufeff/, ''))[0].fields;
    const json = JSON.parse(readFileSync(out.json, 'utf8')) as MetricsJson;
    const jsonKeys = Object.keys(json.players[0].metrics);
    const defs = readFileSync(out.html, 'utf8').split('<dl class="defs" id="definitions">')[1].split('</dl>')[0];
    const named = [...defs.matchAll(/<dt data-key="([^"]+)">[^<]*<small>CSV column <code>([^<]+)<\/code> · JSON key <code>([^<]+)<\/code><\/small><\/dt>/g)];
    expect(named.map((m) => m[1])).toEqual(csvMetricDefs().map((d) => d.key));
    for (const [, key, column, jsonKey] of named) {
      expect(head, `${key}: CSV column ${column}`).toContain(column);
      expect(jsonKeys, `${key}: JSON key ${jsonKey}`).toContain(jsonKey);
    }
    // The CSV adds the unit where the key does not say it: the report must not name the JSON key as the column.
    expect(named.find((m) => m[1] === 'player_load')?.[2]).toBe('player_load_au');
    expect(named.find((m) => m[1] === 'sprint_efforts')?.[2]).toBe('sprint_efforts_count');
  });

  it('documents every CSV column in docs/exports.md', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'exports.md'), 'utf8');
    for (const c of csvColumns()) expect(doc).toContain(`\`${c}\``);
  });

  it("writes the seed's session metadata CSV: each unit's player, as the folder's meta.csv says", () => {
    const meta = parseCsvRecords(readFileSync(join(dir, 'squad', 'meta.csv'), 'utf8')).map((r) => r.fields.slice(0, 3).join('|'));
    const back = parseCsvRecords(readFileSync(out.meta, 'utf8')).map((r) => r.fields.join('|'));
    expect(back[0]).toBe('device_id|player_name|position');
    expect(back.slice(1).sort()).toEqual(meta.slice(1).sort());
  });

  it('a 60-player session repeats the team table header on every page its rows reach; no row is split, no column clipped', () => {
    const folder = join(dir, 'sixty');
    ensureSampleSession(folder, { ...DEFAULT_SAMPLE, players: 60, minutes: 2 });
    const html = join(dir, 'sixty.html');
    const pdf = join(dir, 'sixty.pdf');
    const json = join(dir, 'sixty.json');
    const r = cli('process', folder, '--out', html, '--pdf', pdf, '--json', json);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const metrics = JSON.parse(readFileSync(json, 'utf8')) as MetricsJson;
    expect(metrics.players).toHaveLength(60);
    const sizes = pageSizes(pdf);
    const pages = sizes.map((_, i) => pageText(pdf, i + 1));
    // The report's display units (it says so at its top), the headline columns in table order.
    expect(pages[0]).toContain('Speeds in km/h, distances in metres (m)');
    const units = { speed: 'km/h', distance: 'm' } as const;
    const defs = headlineMetrics();
    let pagesWithRows = 0;
    for (let i = 0; i < pages.length; i++) {
      expect([Math.round(sizes[i].w), Math.round(sizes[i].h)]).toEqual([595, 842]);
      // A team table row shows "position · unit" under the name (P1-1001 ...); its header says so.
      if (!/· P1-1\d{3}/.test(pages[i])) continue;
      pagesWithRows++;
      const lines = pages[i].split('\n');
      const head = lines.findIndex((l) => /^\s*Player\s+Time\s/.test(l));
      expect(head, `page ${i + 1}: the team table's header`).toBeGreaterThanOrEqual(0);
      // Every headline column's header, in order, on the header line; the units line under it.
      let at = 0;
      for (const d of defs) {
        const found = lines[head].indexOf(shortLabel(d), at);
        expect(found, `page ${i + 1}: column ${shortLabel(d)}`).toBeGreaterThan(at - 1);
        at = found + shortLabel(d).length;
      }
      expect(lines[head + 1]).toMatch(/^\s*position · unit\s/);
    }
    expect(pagesWithRows).toBeGreaterThan(1);
    // Each player's team table row: the name, the line of values and "position · unit" (with the
    // top speed's time) on one page, holding every headline value of the metrics JSON as the report
    // formats it; the row is on exactly one page.
    for (const p of metrics.players) {
      const tag = `${p.position} · ${p.device_id}`;
      const on = pages.map((text, i) => (text.split('\n').some((l) => l.trim().startsWith(tag)) ? i : -1)).filter((i) => i >= 0);
      expect(on, `${p.player_name}'s row`).toHaveLength(1);
      const lines = pages[on[0]].split('\n');
      const u = lines.findIndex((l) => l.trim().startsWith(tag));
      // The row's lines: after the row above it (its "position · unit" line) or the header, to its own.
      let top = u - 1;
      while (top >= 0 && !/^\s*(\S+ · P1-\d{4}|position · unit)\b/.test(lines[top])) top--;
      const block = lines.slice(top + 1, u + 1).filter((l) => l.trim());
      expect(block[0].trim().startsWith(p.player_name), `${p.player_name}: the first line of the row ending in ${tag}`).toBe(true);
      const tokens = block
        .join(' ')
        .replace(p.player_name, ' ')
        .replace(tag, ' ')
        .split(/\s+/)
        .filter((t) => t && !/^\d\d:\d\d:\d\d$/.test(t));
      const expected = defs.map((d) => formatInUnits(p.metrics[d.key], d, units));
      expect(tokens.sort(), p.player_name).toEqual(expected.sort());
    }
  }, 180_000);
});
