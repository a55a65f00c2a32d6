/**
 * Starts the device layer for the core, when the host asks for it (createCore's `devices`
 * option): Electron with real hardware, the dev bridge and tests with demo units only, the CLI
 * not at all. The serial and USB modules are native: they are loaded here, lazily, so a core
 * that never uses devices never loads them, and one whose native modules fail still runs, with
 * the Devices page saying why.
 */
import type { Db } from '../db/database.ts';
import type { DownloadsRepo } from '../db/downloads.repo.ts';
import type { PlayersRepo } from '../db/players.repo.ts';
import type { SessionsRepo } from '../db/sessions.repo.ts';
import type { UnitsRepo } from '../db/units.repo.ts';
import type { EventBus } from '../events.ts';
import type { DemoSettings, DeviceRuntime, HardwareOptions } from './device-runtime.ts';
import type { DetectFormat } from './landed-format.ts';
import { rosterCode } from './roster-code.ts';
import type { SessionDownloads } from './session-downloads.ts';
import type { TimeWindow } from './types.ts';
import type { MakeDemoRecording } from './sim/demo-scenario.ts';

export interface DevicesOptions {
  /** Real serial ports, USB hotplug and drives (Electron). Default: none, demo units only. */
  hardware?: HardwareOptions | null;
  /** Demo units allowed (default true), and their settings. */
  demo?: DemoSettings | false;
  /** USB event debounce, ms (tests shorten it). */
  debounceMs?: number;
  /** Port-list poll period without USB hotplug, ms. */
  pollMs?: number;
}

export interface DevicesDeps {
  dataDir: string;
  db: Db;
  repos: { sessions: SessionsRepo; units: UnitsRepo; players: PlayersRepo; downloads: DownloadsRepo };
  events: EventBus;
  clock: () => number;
  /** Reader id of a file copied from a drive; default: the formats registry's content sniffing. */
  detectFormat?: DetectFormat;
  /** Time range of a file on a drive; default: decoded by the formats registry. */
  timeRange?: (path: string) => Promise<TimeWindow | null>;
  /** Files just linked to a session by a download: decoded into the decoded cache in the pool. */
  onLinked?: (sessionId: string, sha256s: string[]) => void;
  /** Makes a demo unit's recording; default: on the main thread. */
  makeDemoRecording?: MakeDemoRecording;
}

export interface Devices {
  runtime: DeviceRuntime;
  downloads: SessionDownloads;
}

export interface DevicesHandle {
  /** The running device layer; rejects, saying why, when it could not start. */
  get(): Promise<Devices>;
  /** Cancels downloads (verified bytes are kept for resume), unplugs demo units, stops discovery. */
  stop(): Promise<void>;
}

export function loadDevices(deps: DevicesDeps, o: DevicesOptions): DevicesHandle {
  const offs: (() => void)[] = [];
  const ready: Promise<Devices> = (async () => {
    const [{ DeviceRuntime }, { SessionDownloads }, probe] = await Promise.all([
      import('./device-runtime.ts'),
      import('./session-downloads.ts'),
      import('./file-probe.ts'),
    ]);
    const { units, players } = deps.repos;
    const runtime = new DeviceRuntime({
      dataDir: deps.dataDir,
      hardware: o.hardware ?? null,
      demo: o.demo === false ? null : (o.demo ?? {}),
      playerFor: (unitId) => {
        const u = units.findByDeviceId(rosterCode(unitId));
        const p = u?.defaultPlayerId ? players.get(u.defaultPlayerId) : null;
        return p ? { id: p.id, name: p.name } : null;
      },
      timeRange: deps.timeRange ?? probe.decodedTimeRange,
      makeDemoRecording: deps.makeDemoRecording,
      now: deps.clock,
      debounceMs: o.debounceMs,
      pollMs: o.pollMs,
    });
    const downloads = new SessionDownloads({
      runtime,
      db: deps.db,
      repos: deps.repos,
      events: deps.events,
      clock: deps.clock,
      detectFormat: deps.detectFormat ?? probe.detectStoredFormat,
      onLinked: deps.onLinked,
    });
    const svc = runtime.service;
    svc.on('attached', (d) => {
      runtime.portProblems.delete(d.location);
      deps.events.emit('devices:attached', runtime.view(d));
    });
    svc.on('detached', (d) => deps.events.emit('devices:detached', d));
    svc.on('problem', (p) => {
      console.warn(`[devices] ${p.path ?? 'discovery'}: ${p.message}`);
      // Shown on the Devices page (a port refused for want of the udev rule says how to install it).
      const problem = { path: p.path, message: p.message, at: deps.clock() };
      runtime.portProblems.set(p.path ?? '', problem);
      deps.events.emit('devices:problem', problem);
    });
    // A unit's usual wearer changed (Roster page, assign, a download that made the unit): re-announce.
    offs.push(deps.events.on('roster:changed', () => svc.refreshAssignments()));
    await runtime.start();
    return { runtime, downloads };
  })();
  // Failure is reported through get(); never as an unhandled rejection.
  ready.catch(() => {});

  return {
    get: () => ready,
    async stop() {
      for (const off of offs.splice(0)) off();
      const d = await ready.catch(() => null);
      if (!d) return;
      await d.runtime.stop();
      await d.downloads.idle();
    },
  };
}
