/**
 * Reports someone else made, opened by the user from a file (a colleague's report.html on a USB
 * stick, an e-mail attachment): the token → file registry behind player1://shared/<token>/report.html
 * (security/app-protocol.ts). Only files the user chose are in it; the token is random, so a page
 * cannot guess its way to another file. Nothing of a shared file is imported, processed or
 * exported: it is shown, sandboxed, as it is. Its scripts do not run, except this app's own report
 * viewer (matched by sha256), so a shared report of this version draws its charts and anything
 * else in the file stays inert.
 */
import { randomBytes } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import type { SharedReportInfo } from '../../../shared/api/reports.contract.ts';
import { inlineScriptHashes, scriptHash, viewerInlineScript } from '../security/report-csp.ts';

/** A report of 25 players × 90 min is ~3 MB; anything this big is not one. */
export const SHARED_REPORT_MAX_BYTES = 64 * 1024 * 1024;
/** Files kept open at once (the oldest is forgotten first). */
const MAX_OPEN = 32;

interface Entry {
  path: string;
  info: Omit<SharedReportInfo, 'url'>;
}

export class SharedReports {
  private readonly byToken = new Map<string, Entry>();
  private readonly viewerPath: string;
  private readonly clock: () => number;
  private trusted: ReadonlySet<string> | null = null;

  constructor(opts: { reportViewerPath: string; clock: () => number }) {
    this.viewerPath = opts.reportViewerPath;
    this.clock = opts.clock;
  }

  /** The scripts a shared report may run: this app's report viewer, as reports inline it. */
  trustedScripts = (): ReadonlySet<string> => {
    if (!this.trusted) {
      let viewer: string | null = null;
      try {
        viewer = readFileSync(this.viewerPath, 'utf8');
      } catch {
        viewer = null; // no viewer built: shared reports show their tables only
      }
      this.trusted = new Set(viewer === null ? [] : [scriptHash(viewerInlineScript(viewer))]);
    }
    return this.trusted;
  };

  /** The file behind a token (for the protocol), or null. */
  resolve = (token: string): string | null => this.byToken.get(token)?.path ?? null;

  get(token: string): Omit<SharedReportInfo, 'url'> | null {
    return this.byToken.get(token)?.info ?? null;
  }

  /** Checks the chosen file is an HTML report and registers it; the same file again keeps its token. */
  async open(chosen: string): Promise<Omit<SharedReportInfo, 'url'>> {
    const given = resolve(chosen);
    const name = basename(given);
    const ext = extname(given).toLowerCase();
    if (ext !== '.html' && ext !== '.htm') throw new AppError('VALIDATION', `${name} is not a report: choose an .html file (a Player1 Pitchside report)`, { path: chosen });
    let path: string;
    let size: number;
    let mtimeMs: number;
    try {
      path = await realpath(given);
      const st = await stat(path);
      if (!st.isFile()) throw new AppError('VALIDATION', `${name} is a folder, not a report file`, { path: chosen });
      size = st.size;
      mtimeMs = st.mtimeMs;
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'this app may not read it' : 'it cannot be read';
      throw new AppError('NOT_FOUND', `cannot open ${given}: ${why}${code ? ` [${code}]` : ''}`, { path: chosen, code });
    }
    if (size > SHARED_REPORT_MAX_BYTES) {
      throw new AppError('VALIDATION', `${name} is ${Math.round(size / 1024 / 1024)} MB: too big to be a report (at most ${SHARED_REPORT_MAX_BYTES / 1024 / 1024} MB)`, { path: chosen });
    }
    const html = await readFile(path, 'utf8');
    if (!/<html[\s>]|<!doctype html/i.test(html.slice(0, 4096))) {
      throw new AppError('VALIDATION', `${name} is not an HTML page, so not a report`, { path: chosen });
    }
    // The same file opened again keeps its token (and moves to the newest).
    const token = [...this.byToken].find(([, e]) => e.path === path)?.[0] ?? randomBytes(16).toString('hex');
    const info = { ...describe(html, this.trustedScripts()), token, fileName: name, folder: dirname(path), bytes: size, modifiedAt: Math.round(mtimeMs), openedAt: this.clock() };
    this.byToken.delete(token);
    this.byToken.set(token, { path, info });
    while (this.byToken.size > MAX_OPEN) this.byToken.delete(this.byToken.keys().next().value!);
    return info;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** What the banner says about a file: its title, whether a Player1 report, whether its charts run. */
function describe(html: string, trusted: ReadonlySet<string>): Pick<SharedReportInfo, 'title' | 'madeByPlayer1' | 'scripts'> {
  const raw = /<title[^>]*>([\s\S]{0,2000}?)<\/title>/i.exec(html)?.[1] ?? '';
  const title = raw
    .replace(/&(amp|lt|gt|quot|#39|apos);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  const madeByPlayer1 = /<script type="application\/json" id="report-data">/.test(html);
  const hashes = inlineScriptHashes(html);
  const scripts = hashes.length === 0 ? 'none' : hashes.some((h) => trusted.has(h)) ? (hashes.every((h) => trusted.has(h)) ? 'viewer' : 'viewer-others-blocked') : 'blocked';
  return { title: title || null, madeByPlayer1, scripts };
}
