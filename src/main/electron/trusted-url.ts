/**
 * Which page may call the API: the app's own renderer, by origin — player1://app (served by the
 * app's protocol handler from the built renderer only) in a packaged or previewed app, or the
 * electron-vite dev server during `npm run dev`. Reports (player1://reports, player1://shared)
 * and anything else are refused.
 */
export function makeTrustedUrlCheck(appOrigin: string, devServerUrl?: string): (url: string) => boolean {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  return (url: string) => {
    if (!url) return false;
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return false;
    }
    // Non-special schemes give origin "null" in WHATWG URL: compare scheme + host instead.
    if (origin === 'null') {
      const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(url);
      origin = m ? `${m[1].toLowerCase()}://${m[2].toLowerCase()}` : 'null';
    }
    if (origin === appOrigin) return true;
    return devOrigin !== null && origin === devOrigin;
  };
}
