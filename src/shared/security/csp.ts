/**
 * The Content-Security-Policies, as data (pure: no Node, no Electron), so they are unit-tested and
 * the same strings are sent by every server of the app's pages:
 *  - the app's renderer: its own scripts only (`'self'`, no inline script, no eval), no network
 *    beyond its own origin, reports only in frames from the reports origin. No `ws://` in it: the
 *    loopback bridge (dev and tests only) widens connect-src to its own socket when it serves the
 *    page (`withDevSocket`);
 *  - a report: scripts only by hash (the viewer's one inline script), so a handler injected into
 *    the HTML (`onerror=`, a stray `<script>`) cannot run even if escaping ever failed; no
 *    network at all; `sandbox allow-scripts`: an opaque origin, no same-origin access to
 *    anything (the app, its storage, the API).
 */

export const APP_SCHEME = 'player1';
/** The app's renderer is served at player1://app/… */
export const APP_ORIGIN = `${APP_SCHEME}://app`;
/** Reports (the data dir's reports folder) at player1://reports/<sessionId>/report.html */
export const REPORTS_ORIGIN = `${APP_SCHEME}://reports`;
/** A report someone shared (a file the user picked) at player1://shared/<token>/report.html */
export const SHARED_ORIGIN = `${APP_SCHEME}://shared`;

export function appCsp(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // React and recharts set style attributes; no code runs from a style.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    `frame-src 'self' ${REPORTS_ORIGIN} ${SHARED_ORIGIN}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The app's CSP with the dev bridge's WebSocket allowed (the bridge serves the page; dev and tests only). */
export function withDevSocket(csp: string, wsOrigin: string): string {
  if (!/^ws:\/\/127\.0\.0\.1:\d+$/.test(wsOrigin)) throw new Error(`not a loopback socket origin: ${wsOrigin}`);
  return csp.replace("connect-src 'self'", `connect-src 'self' ${wsOrigin}`);
}

/** A report's CSP: its inline scripts allowed by their sha256 (base64), nothing else runs. */
export function reportCsp(scriptHashes: readonly string[], opts: { meta?: boolean } = {}): string {
  const scripts = scriptHashes.length ? scriptHashes.map((h) => `'sha256-${h}'`).join(' ') : "'none'";
  return [
    "default-src 'none'",
    `script-src ${scripts}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // Not allowed in a <meta> policy (ignored there, with a console warning): header only.
    ...(opts.meta ? [] : ["frame-ancestors 'self' " + APP_ORIGIN, 'sandbox allow-scripts allow-modals']),
  ].join('; ');
}
