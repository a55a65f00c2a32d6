/**
 * What the app window's sub-frames may load: a report of this data dir (player1://reports/<id>/
 * report.html) or one the user opened (player1://shared/<token>/report.html), nothing else. A
 * script in a shared report cannot take its frame to a web page (to show a look-alike form, or to
 * carry what the user types away): the Electron adapter refuses any other sub-frame navigation.
 */
import { REPORTS_ORIGIN, SHARED_ORIGIN } from './csp.ts';

export function isReportFrameUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is 'null' for a custom scheme: compare scheme and host.
  const where = `${u.protocol}//${u.host}`;
  if (where !== REPORTS_ORIGIN && where !== SHARED_ORIGIN) return false;
  return /^\/[^/]+\/report\.html$/.test(u.pathname) && !u.username && !u.password;
}
