/**
 * Finds serial units. The port listing is the source of truth: a unit is attached while its
 * port is listed and identified, detached when the port leaves the listing. USB attach/detach
 * events only say "look now" (debounced, plus a second look a moment later for tty nodes that
 * appear after the USB event); without USB the listing is polled slowly. New ports are probed
 * by the drivers whose VID/PID fits; the unit's identity comes from the probe (handshake),
 * never from the port name, so the same unit on another port is the same device.
 */
import { EventEmitter } from 'node:events';
import type { AttachedUnit } from '../drivers/driver.ts';
import type { PortInfo } from '../types.ts';
import type { ListPorts } from './serial-lister.ts';
import type { UsbAdapter } from './usb.adapter.ts';

export interface SerialDiscoveryEvents {
  attached: [AttachedUnit];
  detached: [AttachedUnit];
  /** A port that fits a driver but did not identify (or the listing failed). */
  problem: [{ path: string | null; message: string }];
}

export interface SerialDiscoveryOptions {
  listPorts: ListPorts;
  usb: UsbAdapter;
  /** Tries the drivers on a port; null when none recognises it. */
  identify: (port: PortInfo) => Promise<AttachedUnit | null>;
  /** Does any driver want to probe this port? Ports nobody wants are never opened. */
  wanted: (port: PortInfo) => boolean;
  debounceMs?: number;
  /** Second look after a USB event, for slow tty nodes. Default 1000 ms. */
  settleMs?: number;
  /** Poll period without USB events. Default 3000 ms. */
  pollMs?: number;
  /** Poll period with USB events (a safety net). Default 15000 ms. */
  slowPollMs?: number;
}

interface Known {
  sig: string;
  unit: AttachedUnit | null;
}

function signature(p: PortInfo): string {
  return `${p.vendorId ?? ''}:${p.productId ?? ''}:${p.serialNumber ?? ''}`;
}

export class SerialDiscovery extends EventEmitter<SerialDiscoveryEvents> {
  private readonly o: SerialDiscoveryOptions;
  private readonly known = new Map<string, Known>();
  private scanning: Promise<void> | null = null;
  /** Probes in flight, by port: a later pass skips their ports instead of waiting for them. */
  private readonly probing = new Map<string, Promise<void>>();
  private again = false;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private settle: ReturnType<typeof setTimeout> | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private offs: (() => void)[] = [];
  private stopped = true;

  constructor(o: SerialDiscoveryOptions) {
    super();
    this.o = o;
  }

  get usingUsbEvents(): boolean {
    return this.o.usb.available;
  }

  units(): AttachedUnit[] {
    return [...this.known.values()].flatMap((k) => (k.unit ? [k.unit] : []));
  }

  async start(): Promise<void> {
    this.stopped = false;
    const kick = (): void => {
      // A new USB device may be a unit that failed to answer while booting: probe again.
      for (const [path, k] of this.known) if (!k.unit) this.known.delete(path);
      this.schedule();
    };
    this.offs.push(this.o.usb.onAttach(kick), this.o.usb.onDetach(() => this.schedule()));
    const period = this.o.usb.available ? (this.o.slowPollMs ?? 15_000) : (this.o.pollMs ?? 3000);
    this.poll = setInterval(() => void this.rescan(), period);
    this.poll.unref?.();
    await this.rescan();
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.offs.splice(0)) off();
    if (this.poll) clearInterval(this.poll);
    if (this.debounce) clearTimeout(this.debounce);
    if (this.settle) clearTimeout(this.settle);
    this.poll = this.debounce = this.settle = null;
  }

  /** Debounced rescan, then a second one after settleMs. */
  schedule(): void {
    if (this.stopped) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.rescan();
    }, this.o.debounceMs ?? 250);
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = null;
      void this.rescan();
    }, this.o.settleMs ?? 1000);
  }

  /**
   * Lists ports now and reconciles; concurrent calls coalesce into one more pass. Resolves once
   * the probes in flight have ended. Each port is probed on its own: a pass never waits for a
   * probe, so a slow or chattering port (probed until its own timeout) never holds back a unit
   * plugged in meanwhile.
   */
  rescan(): Promise<void> {
    if (!this.scanning) {
      this.scanning = (async () => {
        do {
          this.again = false;
          await this.scanOnce();
        } while (this.again && !this.stopped);
      })().finally(() => {
        this.scanning = null;
      });
    } else this.again = true;
    return this.scanning.then(() => this.probesEnded());
  }

  private async probesEnded(): Promise<void> {
    while (this.probing.size > 0) await Promise.all([...this.probing.values()]);
  }

  /** Forgets a port's identity so the next scan probes it again (e.g. after a failed probe). */
  forget(path: string): void {
    const k = this.known.get(path);
    this.known.delete(path);
    if (k?.unit) this.emit('detached', k.unit);
  }

  private async scanOnce(): Promise<void> {
    let ports: PortInfo[];
    try {
      ports = await this.o.listPorts();
    } catch (e) {
      this.emit('problem', { path: null, message: `cannot list serial ports: ${(e as Error).message}` });
      return;
    }
    const now = new Map(ports.map((p) => [p.path, p]));
    for (const [path, k] of [...this.known]) {
      const p = now.get(path);
      if (!p || signature(p) !== k.sig) {
        this.known.delete(path);
        if (k.unit) this.emit('detached', k.unit);
      }
    }
    const fresh = ports.filter((p) => !this.known.has(p.path) && !this.probing.has(p.path) && this.o.wanted(p));
    for (const p of fresh) {
      const probe = (async () => {
        let unit: AttachedUnit | null = null;
        try {
          unit = await this.o.identify(p);
        } catch (e) {
          this.emit('problem', { path: p.path, message: (e as Error).message });
        }
        if (this.stopped) return;
        // The port may have gone while we probed.
        this.known.set(p.path, { sig: signature(p), unit });
        if (unit) this.emit('attached', unit);
      })().finally(() => this.probing.delete(p.path));
      this.probing.set(p.path, probe);
    }
  }
}
