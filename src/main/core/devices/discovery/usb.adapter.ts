/**
 * USB hotplug behind an adapter. `usb` 2.x (libusb) emits attach/detach; 3.x dropped those,
 * hence the pin. Everything is wrapped: no USB bus, no libusb, no permission → the adapter
 * reports `available: false` and discovery falls back to a slow poll. Tests use
 * FakeUsbAdapter (fake-usb.adapter.ts) with synthetic events.
 */
export interface UsbIds {
  vendorId: number;
  productId: number;
}

export interface UsbAdapter {
  readonly available: boolean;
  /** Why it is unavailable, for the log and the Devices page. */
  readonly reason: string | null;
  onAttach(cb: (ids: UsbIds) => void): () => void;
  onDetach(cb: (ids: UsbIds) => void): () => void;
  close(): void;
}

interface UsbModuleLike {
  usb: {
    on(event: 'attach' | 'detach', cb: (d: { deviceDescriptor: { idVendor: number; idProduct: number } }) => void): void;
    off(event: 'attach' | 'detach', cb: (d: { deviceDescriptor: { idVendor: number; idProduct: number } }) => void): void;
    unrefHotplugEvents?: () => void;
  };
}

class UnavailableUsb implements UsbAdapter {
  readonly available = false;
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
  onAttach(): () => void {
    return () => {};
  }
  onDetach(): () => void {
    return () => {};
  }
  close(): void {}
}

class LibUsbAdapter implements UsbAdapter {
  readonly available = true;
  readonly reason = null;
  private readonly mod: UsbModuleLike;
  private readonly offs: (() => void)[] = [];

  constructor(mod: UsbModuleLike) {
    this.mod = mod;
  }

  private on(event: 'attach' | 'detach', cb: (ids: UsbIds) => void): () => void {
    const h = (d: { deviceDescriptor: { idVendor: number; idProduct: number } }): void => {
      try {
        cb({ vendorId: d.deviceDescriptor.idVendor, productId: d.deviceDescriptor.idProduct });
      } catch {
        // a listener's bug must not take down hotplug
      }
    };
    this.mod.usb.on(event, h);
    // Hotplug listeners must not keep a CLI or test process alive.
    try {
      this.mod.usb.unrefHotplugEvents?.();
    } catch {
      // older libusb without hotplug: usb polls instead
    }
    const off = (): void => {
      try {
        this.mod.usb.off(event, h);
      } catch {
        // already gone
      }
    };
    this.offs.push(off);
    return off;
  }

  onAttach(cb: (ids: UsbIds) => void): () => void {
    return this.on('attach', cb);
  }

  onDetach(cb: (ids: UsbIds) => void): () => void {
    return this.on('detach', cb);
  }

  close(): void {
    for (const off of this.offs.splice(0)) off();
  }
}

/** Loads `usb` if it can; never throws. */
export async function createUsbAdapter(load: () => Promise<unknown> = () => import('usb')): Promise<UsbAdapter> {
  try {
    const mod = (await load()) as UsbModuleLike;
    if (!mod?.usb || typeof mod.usb.on !== 'function') return new UnavailableUsb('the usb module has no hotplug events');
    return new LibUsbAdapter(mod);
  } catch (e) {
    return new UnavailableUsb(`usb unavailable: ${(e as Error).message}`);
  }
}

export function unavailableUsb(reason: string): UsbAdapter {
  return new UnavailableUsb(reason);
}
