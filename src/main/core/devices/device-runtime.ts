/**
 * The app's device layer as one object: the DeviceService wired to what the host allows (real
 * serial ports, USB hotplug and drives in Electron; nothing real in tests and the dev bridge)
 * plus demo mode, whose simulated units share the same discovery (their ports are listed next to
 * the real ones and their synthetic USB events wake it), and the mapping to the contract's view.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { PortProblem } from '../../../shared/api/devices.contract.ts';
import type { DemoStatus, DeviceView } from '../../../shared/api/devices.contract.ts';
import { isProcessAlive } from '../store/startup-sweep.ts';
import { DeviceService } from './device-service.ts';
import { FakeUsbAdapter } from './discovery/fake-usb.adapter.ts';
import { MergedUsbAdapter } from './discovery/merged-usb.adapter.ts';
import { combineListers } from './discovery/serial-lister.ts';
import type { ListPorts } from './discovery/serial-lister.ts';
import type { UsbAdapter } from './discovery/usb.adapter.ts';
import type { VolumeRoot } from './discovery/volume-watcher.ts';
import { DemoUnits } from './sim/demo.ts';
import { endOrphanedSocat, socatAvailable } from './sim/pty-pair.ts';
import { demoUnitSpec, type MakeDemoRecording } from './sim/demo-scenario.ts';
import { recordingSize, type SimUnitSpec } from './sim/scenario.ts';
import type { EmulatorFaults } from './sim/unit-emulator.ts';
import { openSerialTransport } from './transport/serial.transport.ts';
import type { OpenTransport } from './transport/transport.ts';
import type { DeviceInfo, PortInfo, TimeWindow } from './types.ts';

/** Real hardware, as the Electron host provides it. */
export interface HardwareOptions {
  listPorts: ListPorts;
  usb: UsbAdapter;
  /** Mount roots to watch for drives; default the platform's. */
  volumeRoots?: VolumeRoot[];
}

export interface DemoSettings {
  /** Link speed of every simulated unit, bytes/s, so a download takes a visible moment. Default 1 MiB/s. */
  bytesPerSec?: number;
  /** A unit with a loose cable comes back this long after it drops out. Default 1500 ms. */
  replugAfterMs?: number;
  /** Drops out once this fraction of its session recording is served. Default 0.4. */
  dropAtFraction?: number;
  /** Force in-process links (no socat ptys). Default: ptys when socat exists. */
  inProcess?: boolean;
}

export interface DeviceRuntimeOptions {
  dataDir: string;
  /** Real serial ports, USB and drives; null: demo units only (tests, the dev bridge). */
  hardware: HardwareOptions | null;
  /** Whether demo units may be started; settings for them. */
  demo: DemoSettings | null;
  playerFor: (unitId: string) => { id: string; name: string } | null;
  timeRange?: (path: string) => Promise<TimeWindow | null>;
  /** Makes a demo unit's recording (the app's pool); absent: on this thread, a unit at a time. */
  makeDemoRecording?: MakeDemoRecording;
  now?: () => number;
  /** USB event debounce (tests shorten it). */
  debounceMs?: number;
  /** Port-list poll period when USB hotplug is unavailable. Default 1500 ms (units show within 2 s). */
  pollMs?: number;
}

export interface DemoStartOptions {
  window: TimeWindow;
  units: number;
  faulty: number;
}

export class DeviceRuntime {
  readonly service: DeviceService;
  /** The latest problem per port while looking for units (load-devices.ts fills it; devices:list shows it). */
  readonly portProblems = new Map<string, PortProblem>();
  private readonly o: DeviceRuntimeOptions;
  private readonly demoUsb = new FakeUsbAdapter();
  private demo: DemoUnits | null = null;
  /** Bumped by every demo start and stop: a start that finds it moved on plugs nothing in. */
  private demoGeneration = 0;
  /** The running demo's folder of recordings (DEMO_FLASH_DIR), if they are in files. */
  private demoFlashDir: string | null = null;
  private readonly flashDirs = new Set<string>();
  /** stop() ran: no demo unit is plugged in again. */
  private stopped = false;
  private faultyIds: string[] = [];

  constructor(o: DeviceRuntimeOptions) {
    this.o = o;
    const demoPorts: ListPorts = async () => (this.demo ? this.demo.listPorts() : ([] as PortInfo[]));
    const openTransport: OpenTransport = (path, opts) => (this.demo ? this.demo.openTransport(path, opts) : openSerialTransport(path, opts));
    const hw = o.hardware;
    this.service = new DeviceService({
      dataDir: o.dataDir,
      usb: hw ? new MergedUsbAdapter(hw.usb, this.demoUsb) : this.demoUsb,
      listPorts: hw ? combineListers(hw.listPorts, demoPorts) : demoPorts,
      openTransport,
      volumeRoots: hw ? hw.volumeRoots : [],
      timeRange: o.timeRange,
      playerFor: o.playerFor,
      now: o.now,
      debounceMs: o.debounceMs,
      pollMs: o.pollMs ?? 1500,
    });
  }

  get hardware(): boolean {
    return this.o.hardware !== null;
  }

  /** The running demo units (tests look at what the simulated units hold). */
  get demoUnits(): DemoUnits | null {
    return this.demo;
  }

  get demoAllowed(): boolean {
    return this.o.demo !== null;
  }

  start(): Promise<void> {
    return this.service.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopDemo();
    // A start still making its recordings removes its own folder when they settle (the pool closing
    // ends them); any left now go too.
    for (const dir of [...this.flashDirs]) await this.removeFlash(dir);
    await this.service.stop();
    this.demoUsb.close();
  }

  /** The contract's view of a unit. */
  view(d: DeviceInfo): DeviceView {
    return {
      deviceId: d.deviceId,
      unitId: d.unitId,
      kind: d.driver,
      label: d.label,
      port: d.location,
      firmware: d.firmware,
      batteryPct: d.batteryPct,
      clockOffsetMs: d.clockOffsetMs,
      clockUncertaintyMs: d.clockUncertaintyMs,
      canDownload: d.capabilities.download,
      canErase: d.capabilities.erase,
      player: d.player,
      busy: d.busy,
      simulated: this.demo?.owns(d.location) ?? false,
    };
  }

  list(): DeviceView[] {
    return this.service.list().map((d) => this.view(d));
  }

  demoStatus(): DemoStatus {
    return {
      running: this.demo !== null,
      units: this.demo ? this.demo.specs.map((s) => s.unitId) : [],
      faulty: this.demo ? [...this.faultyIds] : [],
    };
  }

  /**
   * Plugs in `units` simulated units whose recordings cover the window; `faulty` of them have a
   * loose cable: they drop out part-way through their download and come back, healthy, a moment
   * later. Replaces demo units already running.
   */
  async startDemo(o: DemoStartOptions): Promise<DemoStatus> {
    const s = this.o.demo;
    if (!s) throw new Error('demo units are not available in this host');
    // Taken before the running units are unplugged: a stop asked for meanwhile wins over this start.
    const generation = ++this.demoGeneration;
    await this.unplugDemo();
    // Making the recordings takes a while (in the pool, maybe behind a Process Report): a stop, a
    // newer start or the runtime stopping meanwhile wins, and these units are never plugged in.
    if (generation !== this.demoGeneration || this.stopped) return this.demoStatus();
    // socat links a killed app left running (they are not ended with it); none where links are in-process.
    if (!s.inProcess && socatAvailable()) endOrphanedSocat();
    const plan = { window: o.window, units: o.units };
    let specs: SimUnitSpec[];
    let flashDir: string | null = null;
    if (this.o.makeDemoRecording) {
      // In the pool: a session's recording is ~0.3 s of CPU and ~25 MB of samples before encoding.
      // Each is written to a file in a folder of this start's own (DEMO_FLASH_DIR), which the units
      // read from: the core's process holds none of them (12 units of two hours would be ~160 MB).
      const make = this.o.makeDemoRecording;
      const root = join(this.o.dataDir, DEMO_FLASH_DIR);
      await mkdir(root, { recursive: true });
      await sweepDemoFlash(root);
      flashDir = await mkdtemp(join(root, `${flashOwner()}-`));
      this.flashDirs.add(flashDir);
      // Every unit's recordings settled before the folder may go: none is still being written into it.
      const made = await Promise.allSettled(Array.from({ length: o.units }, (_, i) => demoUnitSpec(plan, i, make, flashDir!)));
      const failed = made.find((r) => r.status === 'rejected');
      if (failed) {
        await this.removeFlash(flashDir);
        throw failed.reason;
      }
      specs = made.map((r) => (r as PromiseFulfilledResult<SimUnitSpec>).value);
    } else {
      // Here, a unit at a time, letting the loop breathe between units.
      specs = [];
      for (let i = 0; i < o.units; i++) {
        specs.push(await demoUnitSpec(plan, i));
        await new Promise((r) => setImmediate(r));
      }
    }
    if (generation !== this.demoGeneration || this.stopped) {
      if (flashDir) await this.removeFlash(flashDir);
      return this.demoStatus();
    }
    const faulty = faultyIndexes(o.units, o.faulty);
    const faults = (i: number): EmulatorFaults | undefined => {
      if (!faulty.has(i)) return undefined;
      const session = specs[i].recordings[specs[i].recordings.length - 1];
      return { disconnectAfterBytes: Math.max(1, Math.floor(recordingSize(session) * (s.dropAtFraction ?? 0.4))) };
    };
    const demo = new DemoUnits({
      specs,
      sessionStartMs: o.window.startMs,
      usb: this.demoUsb,
      faults,
      replugAfterMs: s.replugAfterMs ?? 1500,
      baud: (s.bytesPerSec ?? 1024 * 1024) * 10,
      inProcess: s.inProcess,
    });
    this.demo = demo;
    this.demoFlashDir = flashDir;
    this.faultyIds = [...faulty].sort((a, b) => a - b).map((i) => specs[i].unitId);
    await demo.plugAll();
    return this.demoStatus();
  }

  async stopDemo(): Promise<DemoStatus> {
    this.demoGeneration++; // a start still making its recordings plugs nothing in
    await this.unplugDemo();
    return this.demoStatus();
  }

  /** Unplugs the running demo units, if any, and removes their recordings. */
  private async unplugDemo(): Promise<void> {
    const demo = this.demo;
    if (demo) {
      const dir = this.demoFlashDir;
      // Unplug first (discovery sees the ports go on its next look), then forget the demo, unless a
      // newer start replaced it meanwhile (a unit slow to unplug): that one is not this stop's.
      await demo.stop(false);
      if (this.demo === demo) {
        this.demo = null;
        this.faultyIds = [];
        this.demoFlashDir = null;
      }
      if (dir) await this.removeFlash(dir);
      await this.service.rescan();
    }
  }

  /** Folders holding demo units' recordings (one per start whose recordings are in files, until it is stopped). */
  get demoFlashDirs(): readonly string[] {
    return [...this.flashDirs];
  }

  private async removeFlash(dir: string): Promise<void> {
    this.flashDirs.delete(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
  }
}

/**
 * Where demo units' recordings are kept while they are plugged in:
 * `<data dir>/demo-units/<host>_<pid>-<random>/` (on disk beside the app's data, not in a temp folder
 * that may be memory; never in a backup).
 */
export const DEMO_FLASH_DIR = 'demo-units';

/** This process's part of a flash folder's name: the host (a data folder may be on a shared drive) and the pid. */
export function flashOwner(host = hostname(), pid = process.pid): string {
  return `${host.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64) || 'host'}_${pid}`;
}

/**
 * Removes demo flash folders under `root` that this host's processes left and that are gone (an
 * app killed with demo units plugged in: four units' recordings are ~47 MB). Another host's folders
 * are left alone: whether its process lives cannot be told from here. Never throws; the names removed.
 */
export async function sweepDemoFlash(root: string, host = hostname()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^(.+)_(\d+)-[^_]*$/.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (flashOwner(host, pid) !== `${m[1]}_${m[2]}` || pid === process.pid || isProcessAlive(pid)) continue;
    await rm(join(root, name), { recursive: true, force: true, maxRetries: 3 }).then(
      () => removed.push(name),
      () => {},
    );
  }
  return removed;
}

/** `faulty` unit indexes spread over `units` (1 of 4 → the third). */
export function faultyIndexes(units: number, faulty: number): Set<number> {
  const out = new Set<number>();
  for (let j = 0; j < faulty; j++) out.add(Math.min(units - 1, Math.floor(((j + 1) * units) / (faulty + 1))));
  for (let i = units - 1; out.size < faulty && i >= 0; i--) out.add(i);
  return out;
}
