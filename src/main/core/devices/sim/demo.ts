/**
 * Demo mode: simulated Player1 units a new user can plug and unplug with no hardware. Each
 * unit is a UnitEmulator on one end of a real socat pty pair; when socat is missing, on an
 * in-process stream pair instead. Gives the DeviceService what it needs to find them: a port
 * listing (merged with the real one), a transport opener that knows the `sim://` paths, and a
 * fake USB adapter whose attach/detach events fire as units are plugged and unplugged.
 */
import { FakeUsbAdapter } from '../discovery/fake-usb.adapter.ts';
import { hex4 } from '../drivers/driver.ts';
import { PLAYER1_PID, PLAYER1_VID } from '../drivers/player1.driver.ts';
import { createStreamPair } from '../transport/stream-pair.transport.ts';
import { openSerialTransport } from '../transport/serial.transport.ts';
import type { OpenTransport, Transport, TransportOpenOptions } from '../transport/transport.ts';
import type { PortInfo } from '../types.ts';
import { createPtyPair, PtyStartError, socatAvailable, type PtyPair } from './pty-pair.ts';
import { makeScenario } from './scenario.ts';
import type { SimUnitSpec } from './scenario.ts';
import { UnitEmulator } from './unit-emulator.ts';
import type { EmulatorFaults } from './unit-emulator.ts';

export interface DemoOptions {
  units?: number;
  sessionStartMs: number;
  sessionDurationMs?: number;
  bytesPerRecording?: number;
  /** Faults per unit index (e.g. make unit 3 fail so the user sees a retry). */
  faults?: (index: number) => EmulatorFaults | undefined;
  /** Force the in-process link even when socat exists. */
  inProcess?: boolean;
  specs?: SimUnitSpec[];
  /** Share a USB adapter (the app's demo mode keeps one for the lifetime of its discovery). */
  usb?: FakeUsbAdapter;
  /**
   * After a unit pulls its own plug (the disconnect fault: a loose cable), plug it back in this
   * much later, with no fault: what a user sees when a cable is pushed back in.
   */
  replugAfterMs?: number;
  /** Every unit's link speed (8N1 baud), so demo downloads take a visible moment. Default: unthrottled. */
  baud?: number;
}

interface Plugged {
  port: PortInfo;
  faults: EmulatorFaults | undefined;
  emulator: UnitEmulator | null;
  unplug: () => Promise<void>;
}

export class DemoUnits {
  readonly usb: FakeUsbAdapter;
  readonly specs: SimUnitSpec[];
  /** How units are linked: socat ptys when socat exists and runs, else in-process streams. */
  mode: 'pty' | 'in-process';
  private readonly faults: (i: number) => EmulatorFaults | undefined;
  private readonly plugged = new Map<number, Plugged>();
  /** In-process mode: sim:// path -> unit index. */
  private readonly simPaths = new Map<string, number>();
  private readonly replugAfterMs: number | null;
  private readonly baud: number | undefined;
  private readonly replugs = new Set<ReturnType<typeof setTimeout>>();
  /** Plugs under way (socat starting), by unit index: stop() waits for them. */
  private readonly plugging = new Map<number, Promise<PortInfo>>();
  private stopped = false;
  /** Bumped by stop(): a plug that started before it unplugs itself. */
  private stops = 0;
  private readonly paths = new Set<string>();

  constructor(o: DemoOptions) {
    this.usb = o.usb ?? new FakeUsbAdapter();
    this.replugAfterMs = o.replugAfterMs ?? null;
    this.baud = o.baud;
    this.specs = o.specs ?? makeScenario({
      units: o.units ?? 4,
      sessionStartMs: o.sessionStartMs,
      sessionDurationMs: o.sessionDurationMs,
      bytesPerRecording: o.bytesPerRecording ?? 2 * 1024 * 1024,
    });
    this.faults = o.faults ?? (() => undefined);
    this.mode = !o.inProcess && socatAvailable() ? 'pty' : 'in-process';
  }

  /** Ports of the plugged simulated units, with the Player1 VID/PID. */
  listPorts = async (): Promise<PortInfo[]> => [...this.plugged.values()].map((p) => p.port);

  /**
   * Opens sim:// paths in-process (each open is a fresh link to a fresh emulator over the same
   * unit, as reopening a tty would be) and anything else with serialport.
   */
  openTransport: OpenTransport = async (path: string, opts?: TransportOpenOptions) => {
    const index = this.simPaths.get(path);
    if (index === undefined) return openSerialTransport(path, opts);
    const p = this.plugged.get(index);
    if (!p) throw new Error(`${path} is gone`);
    void p.emulator?.stop();
    const pair = createStreamPair(`${this.specs[index].unitId}`);
    p.emulator = new UnitEmulator(this.specs[index], pair.unit, { faults: p.faults, onDisconnect: () => void this.pulledOut(index) });
    p.unplug = async () => pair.sever();
    return pair.host;
  };

  emulator(index: number): UnitEmulator | null {
    return this.plugged.get(index)?.emulator ?? null;
  }

  isPlugged(index: number): boolean {
    return this.plugged.has(index);
  }

  /** Whether a port path is (or was) one of these simulated units'. */
  owns(path: string): boolean {
    return this.paths.has(path);
  }

  /**
   * Plugs unit `index` in. Erased recordings stay erased (the spec is the unit's flash). A plug of
   * a unit already being plugged in joins it; one overtaken by stop() unplugs itself and rejects.
   */
  plug(index: number, unitFaults = this.faults(index)): Promise<PortInfo> {
    const existing = this.plugged.get(index);
    if (existing) return Promise.resolve(existing.port);
    const under = this.plugging.get(index);
    if (under) return under;
    const p = this.plugIn(index, unitFaults).finally(() => this.plugging.delete(index));
    this.plugging.set(index, p);
    return p;
  }

  private async plugIn(index: number, unitFaults: EmulatorFaults | undefined): Promise<PortInfo> {
    const stops = this.stops;
    const spec = this.specs[index];
    const faults = this.baud ? { baud: this.baud, ...unitFaults } : unitFaults;
    const ids = { vendorId: hex4(PLAYER1_VID), productId: hex4(PLAYER1_PID), manufacturer: 'Player1 (simulated)' };
    let pair: PtyPair | null = null;
    if (this.mode === 'pty') {
      try {
        pair = await createPtyPair();
      } catch (e) {
        // socat is there but does not run (a broken install): these units use in-process links. A
        // socat slow to answer (a loaded machine) fails this plug only.
        if (!(e instanceof PtyStartError) || e.reason === 'timeout') throw e;
        this.mode = 'in-process';
      }
    }
    if (this.stops !== stops) {
      await pair?.close();
      throw new Error(`demo units stopped while ${spec.unitId} was being plugged in`);
    }
    if (pair) {
      let unitEnd: Transport;
      try {
        unitEnd = await openSerialTransport(pair.unitPath);
      } catch (e) {
        await pair.close();
        throw e;
      }
      const ptys = pair;
      const unplug = async (): Promise<void> => {
        await ptys.close();
        await unitEnd.close().catch(() => {});
      };
      if (this.stops !== stops) {
        await unplug();
        throw new Error(`demo units stopped while ${spec.unitId} was being plugged in`);
      }
      const emulator = new UnitEmulator(spec, unitEnd, { faults, onDisconnect: () => void this.pulledOut(index) });
      this.plugged.set(index, { port: { path: pair.hostPath, ...ids }, faults, emulator, unplug });
    } else {
      const path = `sim://${spec.unitId}/${Date.now()}`;
      this.simPaths.set(path, index);
      this.plugged.set(index, { port: { path, ...ids }, faults, emulator: null, unplug: async () => {} });
    }
    const port = this.plugged.get(index)!.port;
    this.paths.add(port.path);
    this.usb.attach({ vendorId: PLAYER1_VID, productId: PLAYER1_PID });
    return port;
  }

  async unplug(index: number): Promise<void> {
    const p = this.plugged.get(index);
    if (!p) return;
    this.plugged.delete(index);
    this.simPaths.delete(p.port.path);
    await p.emulator?.stop();
    await p.unplug();
    this.usb.detach({ vendorId: PLAYER1_VID, productId: PLAYER1_PID });
  }

  async plugAll(): Promise<void> {
    for (let i = 0; i < this.specs.length; i++) await this.plug(i);
  }

  /** Unplugs every unit. Closes the USB adapter only when it is the demo's own. */
  async stop(closeUsb = true): Promise<void> {
    this.stopped = true;
    this.stops++;
    for (const t of this.replugs) clearTimeout(t);
    this.replugs.clear();
    await Promise.allSettled([...this.plugging.values()]);
    for (const i of [...this.plugged.keys()]) await this.unplug(i);
    if (closeUsb) this.usb.close();
  }

  /** The unit pulled its own plug (disconnect fault); with replugAfterMs it comes back, healthy. */
  private async pulledOut(index: number): Promise<void> {
    await this.unplug(index);
    if (this.replugAfterMs == null || this.stopped) return;
    const t = setTimeout(() => {
      this.replugs.delete(t);
      if (!this.stopped) void this.plug(index, {}).catch(() => {});
    }, this.replugAfterMs);
    this.replugs.add(t);
  }
}
