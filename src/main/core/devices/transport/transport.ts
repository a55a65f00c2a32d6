/**
 * A transport moves bytes and nothing else (GoldenCheetah's CommPort): it knows nothing of
 * frames or units. Drivers speak their protocol over it; the emulator serves over it too.
 */
export interface Transport {
  /** Where the bytes go: a port path, or `sim://...` for an in-process pair. */
  readonly path: string;
  readonly isOpen: boolean;
  /** Resolves once the bytes are handed to the OS (after 'drain' when the buffer was full). */
  write(bytes: Uint8Array): Promise<void>;
  /** Subscribes to incoming bytes; returns an unsubscribe function. */
  onData(cb: (bytes: Uint8Array) => void): () => void;
  /**
   * Called once when the transport closes. `lost` is true when it closed under us (unplugged,
   * the far end vanished) rather than by close().
   */
  onClose(cb: (info: { lost: boolean; error?: Error }) => void): () => void;
  close(): Promise<void>;
}

export interface TransportOpenOptions {
  baudRate?: number;
}

/** Opens a transport on a port path. Injected, so demo mode and tests can route `sim://` paths. */
export type OpenTransport = (path: string, opts?: TransportOpenOptions) => Promise<Transport>;

/** Small listener set shared by the transport implementations. */
export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...a: A) => void>();
  add(cb: (...a: A) => void): () => void {
    this.set.add(cb);
    return () => this.set.delete(cb);
  }
  emit(...a: A): void {
    for (const cb of [...this.set]) cb(...a);
  }
  clear(): void {
    this.set.clear();
  }
}
