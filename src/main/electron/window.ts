import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Security settings of every window we open: isolated, sandboxed, no Node in the page. */
export const SAFE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  spellcheck: false,
} as const;

export function rendererFileUrl(outDir: string): string {
  return pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
}

export function createMainWindow(opts: { preloadPath: string; outDir: string; devServerUrl?: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    title: 'Player1 Pitchside',
    autoHideMenuBar: true,
    webPreferences: { ...SAFE_WEB_PREFERENCES, preload: opts.preloadPath },
  });
  win.once('ready-to-show', () => win.show());
  // The app never opens other pages in itself: links go to the system browser, nothing else navigates.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  if (opts.devServerUrl) void win.loadURL(opts.devServerUrl);
  else void win.loadFile(join(opts.outDir, 'renderer', 'index.html'));
  return win;
}

/** Reports open in their own window: no preload, sandboxed, scripts on (the viewer), no navigation. */
export function openReportWindow(path: string, title: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title,
    autoHideMenuBar: true,
    webPreferences: { ...SAFE_WEB_PREFERENCES },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  void win.loadFile(path);
  return win;
}
