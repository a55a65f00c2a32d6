/**
 * shell.openExternal's allow-list: a link from the app opens in the system browser only when it
 * goes to the project's documentation site or to the club's own server (the sync server the
 * user configured), over https (http only to a loopback address, for a server on this laptop).
 * Anything else (file:, javascript:, custom schemes, other sites) is refused.
 */
export const DOCS_ORIGINS: readonly string[] = ['https://player1-pitchside.github.io'];

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
