/**
 * Two USB event sources as one: the real bus (libusb) and demo mode's synthetic events. The
 * real adapter decides `available` (whether discovery may rely on hotplug or must poll the port
 * list): synthetic events only ever add "look now" hints for the simulated units.
 */
import type { UsbAdapter, UsbIds } from './usb.adapter.ts';

export class MergedUsbAdapter implements UsbAdapter {
  private readonly primary: UsbAdapter;
  private readonly extra: UsbAdapter;

  constructor(primary: UsbAdapter, extra: UsbAdapter) {
    this.primary = primary;
    this.extra = extra;
  }

  get available(): boolean {
    return this.primary.available;
  }

  get reason(): string | null {
    return this.primary.reason;
  }

  onAttach(cb: (ids: UsbIds) => void): () => void {
    const a = this.primary.onAttach(cb);
    const b = this.extra.onAttach(cb);
    return () => {
      a();
      b();
    };
  }

  onDetach(cb: (ids: UsbIds) => void): () => void {
    const a = this.primary.onDetach(cb);
    const b = this.extra.onDetach(cb);
    return () => {
      a();
      b();
    };
  }

  close(): void {
    this.primary.close();
    this.extra.close();
  }
}
