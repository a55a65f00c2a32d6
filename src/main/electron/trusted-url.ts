/**
 * Which page may call the API: the app's own renderer — the bundled index.html (file://) in a
 * packaged or previewed app, or the electron-vite dev server during `npm run dev`.
 */
export function makeTrustedUrlCheck(rendererFileUrl: string, devServerUrl?: string): (url: string) => boolean {
  const fileBase = rendererFileUrl.split('#')[0].split('?')[0];
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  return (url: string) => {
    if (!url) return false;
    const bare = url.split('#')[0].split('?')[0];
    if (bare === fileBase) return true;
    if (devOrigin) {
      try {
        return new URL(url).origin === devOrigin;
      } catch {
        return false;
      }
    }
    return false;
  };
}
