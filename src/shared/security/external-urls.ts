/**
 * shell.openExternal's allow-list: a link from the app opens in the system browser only when it
 * goes to the club's own server (the sync server the user configured) or to a documentation site
 * listed in DOCS_ORIGINS, over https (http only to a loopback address, for a server on this
 * laptop). Anything else (file:, javascript:, custom schemes, other sites) is refused.
 */

/**
 * The project's documentation sites. Empty: the project publishes no documentation site (the
 * documentation ships with the app's source under docs/, and the app links to none), so no docs
 * origin is trusted. When a site exists, add its origin here (https only), with its test in
 * tests/unit/security/policies.test.ts, and name it in docs/security.md.
 */
export const DOCS_ORIGINS: readonly string[] = [];

/** The club server's origin from the sync settings' server URL (null when none is set or it does not parse). */
export function clubServerOriginOf(serverUrl: string | null | undefined): string | null {
  if (!serverUrl) return null;
  try {
    return new URL(serverUrl).origin;
  } catch {
    return null;
  }
}

export function isAllowedExternalUrl(url: string, clubServerOrigin: string | null = null): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) return false;
  if (DOCS_ORIGINS.includes(u.origin)) return true;
  if (clubServerOrigin) {
    try {
      return new URL(clubServerOrigin).origin === u.origin;
    } catch {
      return false;
    }
  }
  return false;
}
