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
import type { OpenTransport, TransportOpenOptions } from '../transport/transport.ts';
import type { PortInfo } from '../types.ts';
import { createPtyPair, socatAvailable } from './pty-pair.ts';
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
}

interface Plugged {
  port: PortInfo;
  emulator: UnitEmulator | null;
  unplug: () => Promise<void>;
}

export class DemoUnits {
  readonly usb = new FakeUsbAdapter();
  readonly specs: SimUnitSpec[];
  readonly mode: 'pty' | 'in-process';
  private readonly faults: (i: number) => EmulatorFaults | undefined;
  private readonly plugged = new Map<number, Plugged>();
  /** In-process mode: sim:// path -> unit index. */
  private readonly simPaths = new Map<string, number>();

  constructor(o: DemoOptions) {
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
    p.emulator?.stop();
    const pair = createStreamPair(`${this.specs[index].unitId}`);
    p.emulator = new UnitEmulator(this.specs[index], pair.unit, { faults: this.faults(index), onDisconnect: () => void this.unplug(index) });
    p.unplug = async () => pair.sever();
    return pair.host;
  };

  emulator(index: number): UnitEmulator | null {
    return this.plugged.get(index)?.emulator ?? null;
  }

  isPlugged(index: number): boolean {
    return this.plugged.has(index);
  }

  /** Plugs unit `index` in. Erased recordings stay erased (the spec is the unit's flash). */
  async plug(index: number, faults = this.faults(index)): Promise<PortInfo> {
    const existing = this.plugged.get(index);
    if (existing) return existing.port;
    const spec = this.specs[index];
    const ids = { vendorId: hex4(PLAYER1_VID), productId: hex4(PLAYER1_PID), manufacturer: 'Player1 (simulated)' };
    if (this.mode === 'pty') {
      const pair = await createPtyPair();
      const unitEnd = await openSerialTransport(pair.unitPath);
      const emulator = new UnitEmulator(spec, unitEnd, { faults, onDisconnect: () => void this.unplug(index) });
      this.plugged.set(index, {
        port: { path: pair.hostPath, ...ids },
        emulator,
        unplug: async () => {
          await pair.close();
          await unitEnd.close().catch(() => {});
        },
      });
    } else {
      const path = `sim://${spec.unitId}/${Date.now()}`;
      this.simPaths.set(path, index);
      this.plugged.set(index, { port: { path, ...ids }, emulator: null, unplug: async () => {} });
    }
    this.usb.attach({ vendorId: PLAYER1_VID, productId: PLAYER1_PID });
    return this.plugged.get(index)!.port;
  }

  async unplug(index: number): Promise<void> {
    const p = this.plugged.get(index);
    if (!p) return;
    this.plugged.delete(index);
    this.simPaths.delete(p.port.path);
    p.emulator?.stop();
    await p.unplug();
    this.usb.detach({ vendorId: PLAYER1_VID, productId: PLAYER1_PID });
  }

  async plugAll(): Promise<void> {
    for (let i = 0; i < this.specs.length; i++) await this.plug(i);
  }

  async stop(): Promise<void> {
    for (const i of [...this.plugged.keys()]) await this.unplug(i);
    this.usb.close();
  }
}
