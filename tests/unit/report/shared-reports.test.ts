/**
 * Reports someone shared (report/shared-reports.ts) and how the player1:// protocol serves them:
 * only a file the user chose gets a token; the same file keeps its token; files that are not
 * reports are refused in words; the banner's facts (title as plain text, whether ours, whether
 * its scripts run) come from the file; served, a shared file's CSP allows this app's viewer
 * script (by sha256, worked out here from the viewer's text) and nothing else in it. Sub-frames of
 * the window may load reports only (isReportFrameUrl).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SharedReports } from '../../../src/main/core/report/shared-reports.ts';
import { serveAppProtocol } from '../../../src/main/core/security/app-protocol.ts';
import { isReportFrameUrl } from '../../../src/shared/security/report-frame.ts';
import { AppError } from '../../../src/shared/api/errors.ts';
import { makeTempDir } from '../../support/core.ts';

const VIEWER = 'document.documentElement.dataset.viewer = "ready"; var s = "</script>";';
// As a report inlines it: "</script" escaped so the element does not end early.
const VIEWER_INLINE = VIEWER.replace('</script>', '<\\/script>');
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
const scriptSrc = (csp: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';

function setup() {
  const root = makeTempDir();
  const viewerPath = join(root, 'report-viewer.js');
  writeFileSync(viewerPath, VIEWER);
  const shared = new SharedReports({ reportViewerPath: viewerPath, clock: () => 1_700_000_000_000 });
  const dir = join(root, 'from-a-colleague');
  mkdirSync(dir);
  const ours = join(dir, 'U18 Saturday.html');
  writeFileSync(
    ours,
    `<!doctype html><html><head><title>U18 &amp; U16 — Player1 Pitchside report</title></head><body><main>tables</main><script type="application/json" id="report-data">{"a":1}</script><script>${VIEWER_INLINE}</script></body></html>`,
  );
  const mixed = join(dir, 'mixed.html');
  writeFileSync(mixed, `<!doctype html><html><body><script>${VIEWER_INLINE}</script><script>steal()</script></body></html>`);
  const older = join(dir, 'older.html');
  writeFileSync(older, `<!doctype html><html><body><script type="application/json" id="report-data">{}</script><script>oldViewer()</script></body></html>`);
  const hostile = join(dir, 'hostile.htm');
  writeFileSync(hostile, '<!DOCTYPE html><title>\u0007Hi\n<b>there</b></title><img src=x onerror="steal()">');
  const roots = { rendererDir: join(root, 'renderer'), reportsDir: join(root, 'reports'), shared: shared.resolve, sharedScripts: shared.trustedScripts };
  return { root, dir, shared, ours, mixed, older, hostile, roots };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('shared reports', () => {
  it('registers a chosen file under a random token; the same file keeps it; unknown tokens resolve to nothing', async () => {
    const t = setup();
    const a = await t.shared.open(t.ours);
    expect(a.token).toMatch(/^[0-9a-f]{32}$/);
    expect(t.shared.resolve(a.token)).toBe(t.ours);
    expect({ fileName: a.fileName, folder: a.folder, openedAt: a.openedAt }).toEqual({ fileName: 'U18 Saturday.html', folder: t.dir, openedAt: 1_700_000_000_000 });
    expect(a.bytes).toBeGreaterThan(100);
    expect((await t.shared.open(join(t.dir, '..', 'from-a-colleague', 'U18 Saturday.html'))).token).toBe(a.token);
    // Through a symlink it is the same file too.
    const link = join(t.root, 'link.html');
    symlinkSync(t.ours, link);
    expect((await t.shared.open(link)).token).toBe(a.token);
    const b = await t.shared.open(t.hostile);
    expect(b.token).not.toBe(a.token);
    expect(t.shared.resolve('0'.repeat(32))).toBeNull();
    expect(t.shared.get(b.token)?.fileName).toBe('hostile.htm');
  });

  it("the banner's facts: title as plain text, whether it is ours, whether its scripts run", async () => {
    const t = setup();
    const ours = await t.shared.open(t.ours);
    expect([ours.title, ours.madeByPlayer1, ours.scripts]).toEqual(['U18 & U16 — Player1 Pitchside report', true, 'viewer']);
    const mixed = await t.shared.open(t.mixed);
    expect([mixed.madeByPlayer1, mixed.scripts]).toEqual([false, 'viewer-others-blocked']);
    const older = await t.shared.open(t.older);
    expect([older.title, older.madeByPlayer1, older.scripts]).toEqual([null, true, 'blocked']);
    const hostile = await t.shared.open(t.hostile);
    expect([hostile.title, hostile.madeByPlayer1, hostile.scripts]).toEqual(['Hi <b>there</b>', false, 'none']);
  });

  it('refuses what is not a report, in words naming the file', async () => {
    const t = setup();
    writeFileSync(join(t.dir, 'notes.txt'), 'x');
    writeFileSync(join(t.dir, 'data.html'), '{"not": "html"}');
    mkdirSync(join(t.dir, 'folder.html'));
    expect(await refusal(t.shared.open(join(t.dir, 'notes.txt')))).toBe('notes.txt is not a report: choose an .html file (a Player1 Pitchside report)');
    expect(await refusal(t.shared.open(join(t.dir, 'data.html')))).toBe('data.html is not an HTML page, so not a report');
    expect(await refusal(t.shared.open(join(t.dir, 'folder.html')))).toBe('folder.html is a folder, not a report file');
    expect(await refusal(t.shared.open(join(t.dir, 'gone.html')))).toBe(`cannot open ${join(t.dir, 'gone.html')}: there is no such file [ENOENT]`);
  });

  it("served over player1://shared: this app's viewer runs by its hash, nothing else in the file does; sandboxed, no network", async () => {
    const t = setup();
    const viewerHash = `'sha256-${sha(VIEWER_INLINE)}'`;
    const get = async (file: string) => {
      const { token } = await t.shared.open(file);
      const a = await serveAppProtocol(`player1://shared/${token}/report.html`, t.roots);
      expect(a.status).toBe(200);
      const csp = a.headers['content-security-policy'];
      expect(csp).toContain('sandbox allow-scripts');
      expect(csp).toContain("connect-src 'none'");
      return scriptSrc(csp);
    };
    expect(await get(t.ours)).toBe(`script-src ${viewerHash}`);
    // The other script's hash is not allowed: only the viewer's.
    expect(await get(t.mixed)).toBe(`script-src ${viewerHash}`);
    expect(await get(t.older)).toBe("script-src 'none'");
    expect(await get(t.hostile)).toBe("script-src 'none'");
    // A report of the data dir keeps its own scripts' hashes (ours, written by us).
    mkdirSync(join(t.roots.reportsDir, 's1'), { recursive: true });
    writeFileSync(join(t.roots.reportsDir, 's1', 'report.html'), '<!doctype html><script>oldViewer()</script>');
    expect(scriptSrc((await serveAppProtocol('player1://reports/s1/report.html', t.roots)).headers['content-security-policy'])).toBe(`script-src 'sha256-${sha('oldViewer()')}'`);
    // No file was chosen for this token, or for a guessed one.
    expect((await serveAppProtocol(`player1://shared/${'a'.repeat(32)}/report.html`, t.roots)).status).toBe(404);
    const { token } = await t.shared.open(t.ours);
    expect((await serveAppProtocol(`player1://shared/${token}/other.html`, t.roots)).status).toBe(404);
  });

  it('no viewer built: a shared report runs no script at all', async () => {
    const root = makeTempDir();
    const shared = new SharedReports({ reportViewerPath: join(root, 'missing.js'), clock: Date.now });
    const file = join(root, 'r.html');
    writeFileSync(file, `<!doctype html><script>${VIEWER_INLINE}</script>`);
    const { token, scripts } = await shared.open(file);
    expect(scripts).toBe('blocked');
    const a = await serveAppProtocol(`player1://shared/${token}/report.html`, { rendererDir: root, reportsDir: root, shared: shared.resolve, sharedScripts: shared.trustedScripts });
    expect(scriptSrc(a.headers['content-security-policy'])).toBe("script-src 'none'");
  });
});

describe('what sub-frames of the window may load', () => {
  it('reports of the data dir and shared reports, nothing else', () => {
    expect(isReportFrameUrl('player1://reports/3f2a/report.html')).toBe(true);
    expect(isReportFrameUrl('player1://shared/0123456789abcdef0123456789abcdef/report.html')).toBe(true);
    expect(isReportFrameUrl('player1://reports/3f2a/report.html#team-table')).toBe(true);
    for (const url of [
      'player1://app/index.html',
      'player1://reports/3f2a/other.html',
      'player1://reports/report.html',
      'player1://shared/a/b/report.html',
      'https://evil.example/reports/x/report.html',
      'http://127.0.0.1:8080/shared/x/report.html',
      'file:///tmp/report.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isReportFrameUrl(url), url).toBe(false);
    }
  });
});
