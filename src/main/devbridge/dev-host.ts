/**
 * The core behind the loopback bridge, for UI tests and `npm run dev:web`: the same createCore
 * as Electron, with a host that answers report URLs served by the bridge, and the device layer
 * with demo units (no real hardware: the Devices page's "Start demo units").
 */
import { join } from 'node:path';
import type { Core, SyncOptions } from '../core/app.ts';
import { createLiveCore } from '../core/live-core.ts';
import type { HostAdapter } from '../core/context.ts';
import type { DevicesOptions } from '../core/devices/load-devices.ts';
import { NODE_WORKER_PATH, REPORT_VIEWER_PATH, REPO_ROOT } from '../core/node-paths.ts';
import { startBridge, type Bridge } from './bridge-server.ts';

export interface DevHost {
  /** The core open now (a restore replaces it: read it again after one). */
  readonly core: Core;
  bridge: Bridge;
  close(): Promise<void>;
}

export interface DevHostOptions {
  dataDir: string;
  staticDir?: string;
  port?: number;
  allowedOrigins?: string[];
  /** Device layer options; default demo units only. */
  devices?: DevicesOptions;
  /** Sync sender tuning (tests: short backoff). */
  syncSender?: SyncOptions['sender'];
  /**
   * What a browser has no native way to do, given by the caller as Electron's main gives its own
   * (shell.openPath, the folder dialog): tests pass an opener that records what it was asked to
   * open and a picker that answers a folder. Absent: none (the Export panel offers no "Open
   * folder", and "Choose folder…" asks for a typed path).
   */
  host?: Pick<HostAdapter, 'openPath' | 'pickFolder'>;
}

export async function startDevHost(opts: DevHostOptions): Promise<DevHost> {
  let bridge: Bridge | null = null;
  // Reopened by a restore (backup:restore), as in the app; dispatch and events stay the same.
  const live = createLiveCore({
    dataDir: opts.dataDir,
    workerPath: NODE_WORKER_PATH,
    reportViewerPath: REPORT_VIEWER_PATH,
    host: {
      kind: 'bridge',
      openPath: opts.host?.openPath,
      pickFolder: opts.host?.pickFolder,
      openReport: async (_path, sessionId) => ({ url: bridge ? bridge.reportUrl(sessionId) : null }),
      // No dialogs in a browser: Settings asks for typed paths (backup:pickSave answers UNAVAILABLE).
      // The Report page's frame: the same player1:// paths, served by the bridge with the same code.
      windowUrl: (appUrl) => {
        if (!bridge) throw new Error('the bridge is not started yet');
        return bridge.windowUrl(appUrl);
      },
    },
    devices: opts.devices ?? {},
    // The token in memory here (dev and tests only); the app keeps it with safeStorage.
    sync: { background: true, sender: opts.syncSender },
  });
  bridge = await startBridge({
    dispatch: live.dispatch,
    events: live.events,
    staticDir: opts.staticDir ?? join(REPO_ROOT, 'out', 'renderer'),
    protocol: live.protocolRoots(opts.staticDir ?? join(REPO_ROOT, 'out', 'renderer')),
    allowedOrigins: opts.allowedOrigins,
    port: opts.port,
  });
  const b = bridge;
  return {
    get core() {
      return live.core;
    },
    bridge: b,
    async close() {
      await b.close();
      await live.close();
    },
  };
}
