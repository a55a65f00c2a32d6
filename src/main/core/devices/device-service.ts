/**
 * DeviceService: the one object the app's `devices:*` handlers talk to. It composes discovery
 * (serial ports + USB hotplug, mounted volumes), the driver registry, the download manager and
 * the raw store, and re-emits what the Devices page needs as events:
 *   attached(DeviceInfo)  detached({ deviceId, unitId })  progress(DownloadProgress)
 *   done(DownloadDone)    failed(DownloadFailure)         problem({ path, message })
 * Everything is injectable (port listing, USB adapter, transports, volume roots, clock,
 * roster lookup) so tests and demo mode run the real logic without hardware.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { RawStore } from '../store/raw-store.ts';
import { DeviceError } from './device-error.ts';
import { driverById, drivers as defaultDrivers, serialDriversFor, volumeDrivers } from './drivers.ts';
import type { AttachedUnit, Driver, DriverContext, EraseItem } from './drivers/driver.ts';
import { listPlayer1 } from './drivers/player1.driver.ts';
import { SerialDiscovery } from './discovery/serial-discovery.ts';
import { listSerialPorts } from './discovery/serial-lister.ts';
import type { ListPorts } from './discovery/serial-lister.ts';
import { createUsbAdapter } from './discovery/usb.adapter.ts';
import type { UsbAdapter } from './discovery/usb.adapter.ts';
import { defaultVolumeRoots, VolumeWatcher } from './discovery/volume-watcher.ts';
import type { VolumeRoot } from './discovery/volume-watcher.ts';
import { DownloadJournal } from './download/journal.ts';
import { DownloadManager } from './download/download-manager.ts';
import { openSerialTransport } from './transport/serial.transport.ts';
import type { OpenTransport } from './transport/transport.ts';
import type {
  DeviceInfo,
  DownloadDone,
  DownloadFailure,
  DownloadOutcome,
  DownloadProgress,
  LandedFile,
  PortInfo,
  TimeWindow,
} from './types.ts';

export interface DeviceServiceEvents {
  attached: [DeviceInfo];
  detached: [{ deviceId: string; unitId: string }];
  progress: [DownloadProgress];
  done: [DownloadDone];
  failed: [DownloadFailure];
  problem: [{ path: string | null; message: string }];
}

export interface DeviceServiceOptions {
  /** App data folder: raw store in <dataDir>/raw, partial downloads in <dataDir>/downloads. */
  dataDir: string;
  /** Default: the real `usb` module when it loads, else unavailable (slow poll). */
  usb?: UsbAdapter;
  /** Default: serialport's listing. */
  listPorts?: ListPorts;
  /** Default: serialport transport. */
  openTransport?: OpenTransport;
  /** Default: the platform's mount roots. [] disables volume watching. */
  volumeRoots?: VolumeRoot[];
  /** Decoder-backed time range of a file on a volume (else file times are used). */
  timeRange?: (path: string) => Promise<TimeWindow | null>;
  /** Roster lookup: the player a unit (by its own id) is assigned to. */
  playerFor?: (unitId: string) => { id: string; name: string } | null;
  drivers?: readonly Driver[];
  now?: () => number;
  pollMs?: number;
  debounceMs?: number;
  volumePollMs?: number;
}

export interface DownloadRequest {
  /** Default: every connected unit that can download. */
  deviceIds?: string[];
  /** Session window in host time; recordings not overlapping it stay on the unit. */
  window?: TimeWindow | null;
}

export interface EraseRequest {
  deviceId: string;
  /** Default: every recording on the unit whose verified copy is in the raw store. */
  recordingIds?: string[];
  /** Erase nothing unless every recording asked for qualifies (REFUSED, naming each and why). */
  strict?: boolean;
  /** An extra reason to keep a recording (e.g. the app has no record of downloading it); null = none. */
  mustKeep?: (r: { recordingId: string; sha256: string }) => string | null;
}

/** A recording on a unit, in host time, and whether a verified copy is stored. */
export interface UnitRecording {
  recordingId: string;
  startMs: number;
  endMs: number;
  size: number;
  sha256: string;
  stored: boolean;
}

export interface EraseResult {
  deviceId: string;
  erased: string[];
  /** Recordings left on the unit, and why (e.g. no verified copy stored yet). */
  kept: { recordingId: string; reason: string }[];
}

export class DeviceService extends EventEmitter<DeviceServiceEvents> {
  readonly store: RawStore;
  readonly journal: DownloadJournal;
  readonly manager: DownloadManager;
  private readonly o: DeviceServiceOptions;
  private readonly drivers: readonly Driver[];
  private readonly units = new Map<string, AttachedUnit>();
  private readonly recordings = new Map<string, AbortController>();
  private readonly ctx: DriverContext;
  private serial: SerialDiscovery | null = null;
  private volumes: VolumeWatcher | null = null;
  private readonly volumeUnits = new Map<string, string>(); // mount path -> deviceId
  private usb: UsbAdapter | null = null;

  constructor(o: DeviceServiceOptions) {
    super();
    this.o = o;
    this.drivers = o.drivers ?? defaultDrivers;
    this.store = new RawStore(join(o.dataDir, 'raw'));
    this.journal = new DownloadJournal(join(o.dataDir, 'downloads'));
    this.manager = new DownloadManager({ now: o.now });
    this.ctx = {
      openTransport: o.openTransport ?? openSerialTransport,
      store: this.store,
      journal: this.journal,
      liveDir: join(o.dataDir, 'live'),
      now: o.now ?? Date.now,
      timeRange: o.timeRange,
    };
    this.manager.on('progress', (p) => this.emit('progress', p));
    this.manager.on('done', (d) => this.emit('done', d));
    this.manager.on('failed', (f) => this.emit('failed', f));
  }

  /** Whether hotplug events drive discovery (else it polls). */
  get hotplug(): boolean {
    return this.usb?.available ?? false;
  }

  async start(): Promise<void> {
    this.usb = this.o.usb ?? (await createUsbAdapter());
    this.serial = new SerialDiscovery({
      listPorts: this.o.listPorts ?? listSerialPorts,
      usb: this.usb,
      wanted: (p) => serialDriversFor(p, this.drivers).length > 0,
      identify: (p) => this.identifyPort(p),
      pollMs: this.o.pollMs,
      debounceMs: this.o.debounceMs,
    });
    this.serial.on('attached', (u) => this.add(u));
    this.serial.on('detached', (u) => this.remove(u.deviceId, u.location));
    this.serial.on('problem', (p) => this.emit('problem', p));
    const roots = this.o.volumeRoots ?? defaultVolumeRoots();
    if (roots.length > 0) {
      this.volumes = new VolumeWatcher(roots, this.o.volumePollMs ?? 1000);
      this.volumes.on('added', (p) => void this.volumeAdded(p));
      this.volumes.on('removed', (p) => {
        const id = this.volumeUnits.get(p);
        this.volumeUnits.delete(p);
        if (id) this.remove(id, p);
      });
    }
    await Promise.all([this.serial.start(), this.volumes?.start()]);
  }

  async stop(): Promise<void> {
    this.serial?.stop();
    this.volumes?.stop();
    for (const id of [...this.units.keys()]) this.manager.cancel(id);
    for (const c of this.recordings.values()) c.abort();
    await this.manager.settle();
    this.usb?.close();
  }

  /** Connected units, as the Devices page shows them. */
  list(): DeviceInfo[] {
    return [...this.units.values()].map((u) => this.toInfo(u));
  }

  /** Rescans now (the page's refresh button, and tests). */
  async rescan(): Promise<void> {
    await Promise.all([this.serial?.rescan(), this.volumes?.scan()]);
  }

  /** Re-reads player assignments (after the user assigns a unit) and re-announces the units. */
  refreshAssignments(): void {
    for (const u of this.units.values()) this.emit('attached', this.toInfo(u));
  }

  /**
   * Downloads from every requested unit in parallel. Resolves when all have finished; each
   * unit's outcome says what landed or why it failed. Progress/done/failed events stream meanwhile.
   */
  download(req: DownloadRequest = {}): Promise<DownloadOutcome[]> {
    const targets = req.deviceIds
      ? req.deviceIds.map((id) => this.units.get(id) ?? id)
      : [...this.units.values()].filter((u) => u.capabilities.download);
    return Promise.all(
      targets.map((u) => {
        if (typeof u === 'string') {
          const f: DownloadFailure = { deviceId: u, unitId: u, code: 'DISCONNECTED', message: `${u}: not connected`, bytesVerified: 0 };
          this.emit('failed', f);
          return { ok: false as const, ...f };
        }
        return this.downloadOne(u, req.window ?? null);
      }),
    );
  }

  /** Whether a download or live recording is running on the device. */
  isBusy(deviceId: string): boolean {
    return this.manager.isRunning(deviceId) || this.recordings.has(deviceId) || (this.units.get(deviceId)?.busy ?? false);
  }

  /** The recordings on a Player1 unit (host times), each with whether its verified copy is stored. */
  async recordingsOf(deviceId: string): Promise<{ unitId: string; recordings: UnitRecording[] }> {
    const unit = this.units.get(deviceId);
    if (!unit) throw new DeviceError('DISCONNECTED', deviceId, 'not connected');
    if (unit.driver !== 'player1') throw new DeviceError('REFUSED', unit.unitId, 'only Player1 units list their recordings');
    if (this.isBusy(deviceId)) throw new DeviceError('REFUSED', unit.unitId, 'a download is running');
    const { hello, recordings } = await listPlayer1(unit, this.ctx);
    const out: UnitRecording[] = [];
    for (const r of recordings) {
      out.push({
        recordingId: String(r.id),
        startMs: r.startMs - hello.clockOffsetMs,
        endMs: r.endMs - hello.clockOffsetMs,
        size: r.size,
        sha256: r.sha256,
        stored: await this.store.has(r.sha256),
      });
    }
    return { unitId: unit.unitId, recordings: out };
  }

  cancel(deviceId: string): boolean {
    const rec = this.recordings.get(deviceId);
    if (rec) {
      rec.abort();
      return true;
    }
    return this.manager.cancel(deviceId);
  }

  /**
   * Erases recordings from a unit, only those whose copy is in the raw store and re-verifies
   * (sha256 of the stored file equals the unit's checksum). The unit checks the checksum again.
   */
  async erase(req: EraseRequest): Promise<EraseResult> {
    const unit = this.units.get(req.deviceId);
    if (!unit) throw new DeviceError('DISCONNECTED', req.deviceId, 'not connected');
    const driver = driverById(unit.driver, this.drivers);
    if (!driver.erase || unit.driver !== 'player1') {
      throw new DeviceError('REFUSED', unit.unitId, 'this unit cannot be erased from the app');
    }
    if (this.manager.isRunning(unit.deviceId)) throw new DeviceError('REFUSED', unit.unitId, 'a download is running');
    const { recordings } = await listPlayer1(unit, this.ctx);
    const kept: EraseResult['kept'] = [];
    const items: EraseItem[] = [];
    const wanted = req.recordingIds ? new Set(req.recordingIds) : null;
    for (const r of recordings) {
      const id = String(r.id);
      if (wanted && !wanted.has(id)) continue;
      const extra = req.mustKeep?.({ recordingId: id, sha256: r.sha256 }) ?? null;
      if (!(await this.store.verify(r.sha256))) kept.push({ recordingId: id, reason: 'no verified copy in the raw store yet: download it first' });
      else if (extra) kept.push({ recordingId: id, reason: extra });
      else items.push({ recordingId: id, sha256: r.sha256 });
    }
    if (wanted) {
      for (const id of wanted) {
        if (!recordings.some((r) => String(r.id) === id)) kept.push({ recordingId: id, reason: 'not on the unit' });
      }
    }
    if (req.strict && kept.length > 0) {
      const why = kept.map((k) => `recording ${k.recordingId}: ${k.reason}`).join('; ');
      throw new DeviceError('REFUSED', unit.unitId, `nothing erased: ${why}`, { kept });
    }
    const erased = items.length > 0 ? await driver.erase(unit, items, this.ctx) : [];
    return { deviceId: unit.deviceId, erased, kept };
  }

  /** NMEA receivers: records the live stream until the unit is unplugged or cancel() is called. */
  async startRecording(deviceId: string, name: string): Promise<LandedFile> {
    const unit = this.units.get(deviceId);
    if (!unit) throw new DeviceError('DISCONNECTED', deviceId, 'not connected');
    const driver = driverById(unit.driver, this.drivers);
    if (!driver.record) throw new DeviceError('REFUSED', unit.unitId, 'this unit does not record live');
    if (this.recordings.has(deviceId)) throw new DeviceError('REFUSED', unit.unitId, 'already recording');
    const ctl = new AbortController();
    this.recordings.set(deviceId, ctl);
    unit.busy = true;
    try {
      return await driver.record(unit, { signal: ctl.signal, name }, this.ctx);
    } finally {
      this.recordings.delete(deviceId);
      unit.busy = false;
    }
  }

  private async downloadOne(u: AttachedUnit, window: TimeWindow | null): Promise<DownloadOutcome> {
    const driver = driverById(u.driver, this.drivers);
    if (!driver.download) {
      const f: DownloadFailure = { deviceId: u.deviceId, unitId: u.unitId, code: 'REFUSED', message: `${u.unitId}: this unit has nothing to download (it records live)`, bytesVerified: 0 };
      this.emit('failed', f);
      return { ok: false, ...f };
    }
    u.busy = true;
    try {
      return await this.manager.start({
        deviceId: u.deviceId,
        unitId: u.unitId,
        run: (jc) => driver.download!(u, { window, signal: jc.signal, onProgress: jc.progress }, this.ctx),
      });
    } finally {
      u.busy = false;
    }
  }

  private async identifyPort(p: PortInfo): Promise<AttachedUnit | null> {
    let lastError: Error | null = null;
    for (const d of serialDriversFor(p, this.drivers)) {
      try {
        const u = await d.probe!(p, this.ctx);
        if (u) return u;
      } catch (e) {
        lastError = e as Error;
      }
    }
    if (lastError) this.emit('problem', { path: p.path, message: lastError.message });
    return null;
  }

  private async volumeAdded(path: string): Promise<void> {
    for (const d of volumeDrivers(this.drivers)) {
      try {
        const u = await d.identifyVolume!(path, this.ctx);
        if (u) {
          this.volumeUnits.set(path, u.deviceId);
          this.add(u);
          return;
        }
      } catch (e) {
        this.emit('problem', { path, message: (e as Error).message });
      }
    }
  }

  private add(u: AttachedUnit): void {
    this.units.set(u.deviceId, u);
    this.emit('attached', this.toInfo(u));
  }

  private remove(deviceId: string, location: string): void {
    const u = this.units.get(deviceId);
    // The same unit may already be back on another port: only its current location detaches it.
    if (!u || u.location !== location) return;
    this.units.delete(deviceId);
    this.emit('detached', { deviceId, unitId: u.unitId });
  }

  private toInfo(u: AttachedUnit): DeviceInfo {
    const player = this.o.playerFor?.(u.unitId) ?? null;
    return {
      deviceId: u.deviceId,
      driver: u.driver,
      unitId: u.unitId,
      label: u.label,
      location: u.location,
      vendorId: u.vendorId,
      productId: u.productId,
      firmware: u.firmware,
      batteryPct: u.batteryPct,
      clockOffsetMs: u.clockOffsetMs,
      clockUncertaintyMs: u.clockUncertaintyMs,
      capabilities: { ...u.capabilities },
      player,
      busy: u.busy || this.manager.isRunning(u.deviceId) || this.recordings.has(u.deviceId),
    };
  }
}
