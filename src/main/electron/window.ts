import { BrowserWindow, dialog } from 'electron';
import { APP_ORIGIN } from '../../shared/security/csp.ts';
import { isReportFrameUrl } from '../../shared/security/report-frame.ts';

/** The app's page: served by the player1:// protocol (src/main/electron/security.ts), never file://. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

export function createMainWindow(opts: {
  preloadPath: string;
  devServerUrl?: string;
  openExternal: (url: string) => boolean;
}): BrowserWindow {
  // Security settings written out (not spread from a constant) so that electronegativity reads them.
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    title: 'Player1 Pitchside',
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click must not open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The app never opens other pages in itself: allow-listed links go to the system browser, nothing else navigates.
  win.webContents.setWindowOpenHandler(({ url }) => {
    opts.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-redirect', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  // The Report page's sandboxed frame shows reports only: a shared report's script cannot take it elsewhere.
  win.webContents.on('will-frame-navigate', (e) => {
    if (!e.isMainFrame && !isReportFrameUrl(e.url)) e.preventDefault();
  });
  // A page with unsaved edits holds the window's close or reload (renderer app/leave-guard.tsx, a
  // beforeunload handler); Electron then keeps the window open without a word unless asked here.
  win.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'You have unsaved changes on this page.',
      detail: 'Leave without saving them, or stay and save them first?',
    });
    // preventDefault here lets the unload go ahead (Electron's will-prevent-unload).
    if (choice === 0) e.preventDefault();
  });
  if (opts.devServerUrl) void win.loadURL(opts.devServerUrl);
  else void win.loadURL(APP_URL);
  return win;
}

/**
 * A report in its own window: a player1://reports or player1://shared URL, served with the
 * report's CSP (scripts by hash, `sandbox allow-scripts`: an opaque origin). No preload, so no
 * API at all; sandboxed renderer, no navigation, no new windows.
 */
export function openReportWindow(url: string, title: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title,
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click must not open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-redirect', (e) => e.preventDefault());
  void win.loadURL(url);
  return win;
}
