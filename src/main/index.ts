/**
 * Electron entry: a thin adapter. It builds the core (everything testable lives there), binds the
 * contract to IPC, forwards events to the window and supplies the host's native pieces (folder and
 * file dialogs, report window). The dev/test WebSocket bridge is never started here.
 */
import { clubServerOriginOf } from '../shared/security/external-urls.ts';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { printReportToPdf } from './electron/pdf-export.ts';
import { join } from 'node:path';
import workerPath from './workers/process-player.task.ts?modulePath';
import { createLiveCore, type LiveCore } from './core/live-core.ts';
import { unpackedPath } from './core/packaged-path.ts';
import type { HardwareOptions } from './core/devices/device-runtime.ts';
import { bindIpc, forwardEvents } from './electron/ipc.ts';
import { createMainWindow, openReportWindow } from './electron/window.ts';
import { SafeTokenStore } from './electron/safe-token-store.ts';
import { makeTrustedUrlCheck } from './electron/trusted-url.ts';
import { denyPermissions, handleAppProtocol, openExternalIfAllowed, registerAppScheme } from './electron/security.ts';
import { APP_ORIGIN, REPORTS_ORIGIN } from '../shared/security/csp.ts';

const outDir = join(import.meta.dirname, '..');
/** The core on the data folder (reopened by a restore: backup:restore); dispatch and events stay bound. */
let core: LiveCore | null = null;
let mainWindow: BrowserWindow | null = null;
/** The club server's origin (sync settings), for the openExternal allow-list; null until set. */
const clubServerOrigin = (): string | null => clubServerOriginOf(core?.core.sync.outbox.config().server_url);

// player1:// serves the app and reports (never file://): registered before 'ready'.
registerAppScheme();

/**
 * The real serial port listing and USB hotplug (libusb). Both are native modules, loaded here so
 * that if one cannot load on this laptop the app still runs (demo units only) and says why.
 */
async function realHardware(): Promise<HardwareOptions | null> {
  try {
    const [{ listSerialPorts }, { createUsbAdapter }] = await Promise.all([
      import('./core/devices/discovery/serial-lister.ts'),
      import('./core/devices/discovery/usb.adapter.ts'),
    ]);
    const usb = await createUsbAdapter();
    if (!usb.available) console.warn(`[devices] no USB hotplug (${usb.reason}); polling the serial ports instead`);
    return { listPorts: listSerialPorts, usb };
  } catch (err) {
    console.error('[devices] serial ports unavailable; only demo units can be used:', err);
    return null;
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const dataDir = app.getPath('userData');
  denyPermissions();
  const hardware = await realHardware();
  core = createLiveCore({
    dataDir,
    // Worker threads cannot load from app.asar: the worker is unpacked beside it.
    workerPath: unpackedPath(workerPath),
    reportViewerPath: join(outDir, 'report-viewer', 'report-viewer.js'),
    appVersion: app.getVersion(),
    keepWarm: true,
    host: {
      kind: 'electron',
      pickFolder: async (title) => {
        const r = await dialog.showOpenDialog(mainWindow ?? undefined!, { title, properties: ['openDirectory'] });
        return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
      },
      pickFiles: async (title) => {
        const r = await dialog.showOpenDialog(mainWindow ?? undefined!, { title, properties: ['openFile', 'multiSelections'] });
        return r.canceled ? [] : r.filePaths;
      },
      // The Report page's frame loads player1://reports|shared URLs straight from the protocol handler.
      windowUrl: (appUrl) => appUrl,
      openReport: async (_path, sessionId) => {
        openReportWindow(`${REPORTS_ORIGIN}/${encodeURIComponent(sessionId)}/report.html`, 'Player1 Pitchside report');
        return { url: null };
      },
      printToPdf: printReportToPdf,
      openPath: async (path) => {
        const failed = await shell.openPath(path);
        if (failed) throw new Error(failed);
      },
      // Backup and restore (Settings): where to save an archive, which archive to restore.
      pickSavePath: async ({ title, defaultName, filters }) => {
        const r = await dialog.showSaveDialog(mainWindow ?? undefined!, { title, defaultPath: join(app.getPath('documents'), defaultName), filters });
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      pickFile: async ({ title, filters }) => {
        const r = await dialog.showOpenDialog(mainWindow ?? undefined!, { title, filters, properties: ['openFile'] });
        return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
      },
    },
    // Real units (serial, USB, drives) plus demo units on request; stopped by core.close() on quit.
    devices: { hardware },
    // Sync in the background; the token encrypted with safeStorage, never in plain text.
    sync: { background: true, tokens: new SafeTokenStore(dataDir) },
  });
  // The app, the reports folder and the reports the user opened from elsewhere (core.sharedReports).
  handleAppProtocol(core.protocolRoots(join(outDir, 'renderer')));
  bindIpc(ipcMain, core.dispatch, makeTrustedUrlCheck(APP_ORIGIN, devServerUrl));
  forwardEvents(core.events, (channel, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  });
  const open = () => {
    mainWindow = createMainWindow({
      preloadPath: join(outDir, 'preload', 'index.cjs'),
      devServerUrl,
      openExternal: (url) => openExternalIfAllowed(url, clubServerOrigin),
    });
    mainWindow.on('closed', () => (mainWindow = null));
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (e) => {
  if (quitting || !core) return;
  e.preventDefault();
  quitting = true;
  const c = core;
  core = null;
  // Stop device discovery and downloads (verified bytes are kept for resume), then let running
  // jobs finish writing (a job cut off here becomes FAILED "interrupted" at next start).
  void c.close().finally(() => app.quit());
});

// One app per laptop user: a second launch brings the running window forward instead of opening a
// second core on the same database (the database would cope — runs have owners — but two windows
// downloading the same units would not).
if (process.argv.includes('--self-test')) {
  // `player1-pitchside --self-test`: SQLite, serial ports, USB, one worker task, a report; no
  // window, no data dir touched (a temporary one); exit 0 only when every step passed.
  void app.whenReady().then(async () => {
    const { runSelfTest } = await import('./core/self-test.ts');
    const r = await runSelfTest({ workerPath: unpackedPath(workerPath), reportViewerPath: join(outDir, 'report-viewer', 'report-viewer.js') });
    app.exit(r.ok ? 0 : 1);
  });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  start().catch((err: unknown) => {
    // E.g. a database written by a newer version of the app: say so instead of showing nothing.
    const message = err instanceof Error ? err.message : String(err);
    console.error('[start-up]', err);
    dialog.showErrorBox('Player1 Pitchside cannot start', message);
    app.exit(1);
  });
}
