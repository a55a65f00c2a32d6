/**
 * A UsbAdapter driven by hand: tests (and demo mode, which has no real bus) call attach() and
 * detach() to fire the same events libusb would.
 */
import type { UsbAdapter, UsbIds } from './usb.adapter.ts';

export class FakeUsbAdapter implements UsbAdapter {
  readonly available = true;
  readonly reason = null;
  private readonly attachCbs = new Set<(ids: UsbIds) => void>();
  private readonly detachCbs = new Set<(ids: UsbIds) => void>();

  onAttach(cb: (ids: UsbIds) => void): () => void {
    this.attachCbs.add(cb);
    return () => this.attachCbs.delete(cb);
  }

  onDetach(cb: (ids: UsbIds) => void): () => void {
    this.detachCbs.add(cb);
    return () => this.detachCbs.delete(cb);
  }

  attach(ids: UsbIds): void {
    for (const cb of [...this.attachCbs]) cb(ids);
  }

  detach(ids: UsbIds): void {
    for (const cb of [...this.detachCbs]) cb(ids);
  }

  close(): void {
    this.attachCbs.clear();
    this.detachCbs.clear();
  }
}
