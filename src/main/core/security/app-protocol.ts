/**
 * The app's own URL scheme (player1://), served from exactly two folders and a list of files the
 * user picked, never from arbitrary file:// paths. Electron-free: the adapter's
 * protocol.handle() turns the answer into a Response; tests call it directly.
 *   player1://app/<path>                       the built renderer (out/renderer), app CSP
 *   player1://reports/<sessionId>/report.html  a report in the data dir, its hashed-script CSP, sandboxed
 *   player1://shared/<token>/report.html       a report someone shared (a file the user opened), sandboxed,
 *                                              only a viewer script this app knows runs in it
 * Every path segment must be a plain name (no `..`, separators, NUL, reserved names), the file
 * must resolve (symlinks followed) inside its folder, and only GET/HEAD are answered.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { APP_SCHEME, appCsp } from '../../../shared/security/csp.ts';
import { unsafeSegmentReason } from '../../../shared/security/path-segment.ts';
import { isInside } from './inside.ts';
import { reportCspForHtml } from './report-csp.ts';

export interface ProtocolRoots {
  /** out/renderer */
  rendererDir: string;
  /** <dataDir>/reports */
  reportsDir: string;
  /** Reports the user opened from elsewhere: token → file (report/shared-reports.ts). */
  shared?: (token: string) => string | null;
  /**
   * The inline scripts (sha256, base64) a shared report may run: this app's own report viewer.
   * Any other script in a shared file, and every inline handler, is refused by its CSP. Default: none.
   */
  sharedScripts?: () => ReadonlySet<string>;
}

export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

const COMMON = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' };

function refuse(status: number, why: string): ProtocolAnswer {
  return { status, headers: { ...COMMON, 'content-type': 'text/plain; charset=utf-8' }, body: why };
}

async function fileInside(root: string, segments: string[]): Promise<string | ProtocolAnswer> {
  for (const s of segments) {
    const why = unsafeSegmentReason(s);
    if (why) return refuse(403, `refused: ${why}`);
  }
  const path = join(root, ...segments);
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(path)]);
    if (!isInside(realRoot, real)) return refuse(403, 'refused: outside its folder');
    if (!(await stat(real)).isFile()) return refuse(404, 'not found');
    return real;
  } catch {
    return refuse(404, 'not found');
  }
}

export async function serveAppProtocol(url: string, roots: ProtocolRoots, method = 'GET'): Promise<ProtocolAnswer> {
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'method not allowed');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return refuse(400, 'bad url');
  }
  if (u.protocol !== `${APP_SCHEME}:`) return refuse(400, 'not this scheme');
  let segments: string[];
  try {
    segments = u.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return refuse(400, 'bad url');
  }
  if (u.host === 'app') {
    const found = await fileInside(roots.rendererDir, segments.length ? segments : ['index.html']);
    if (typeof found !== 'string') return found;
    const type = MIME[extname(found).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { ...COMMON, 'content-type': type };
    if (type.startsWith('text/html')) headers['content-security-policy'] = appCsp();
    return { status: 200, headers, body: method === 'HEAD' ? '' : await readFile(found) };
  }
  let found: string | ProtocolAnswer;
  let trusted: ReadonlySet<string> | undefined;
  if (u.host === 'reports') {
    if (segments.length !== 2 || segments[1] !== 'report.html') return refuse(404, 'not found');
    found = await fileInside(roots.reportsDir, segments);
  } else if (u.host === 'shared') {
    const file = segments.length === 2 && segments[1] === 'report.html' ? (roots.shared?.(segments[0]) ?? null) : null;
    if (!file) return refuse(404, 'not found');
    found = file;
    trusted = roots.sharedScripts?.() ?? new Set();
  } else return refuse(404, 'not found');
  if (typeof found !== 'string') return found;
  const html = await readFile(found, 'utf8').catch(() => null);
  if (html === null) return refuse(404, 'not found');
  return {
    status: 200,
    headers: { ...COMMON, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': reportCspForHtml(html, trusted) },
    body: method === 'HEAD' ? '' : html,
  };
}
