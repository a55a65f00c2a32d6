/**
 * Two in-process transports joined back to back: what one writes, the other reads. Demo mode
 * uses it when socat is missing (no pseudo-terminals), and unit tests use it to run the real
 * driver against the real emulator without a pty. Writes are delivered asynchronously and in
 * slices, as a real link would.
 */
import { Listeners } from './transport.ts';
import type { Transport } from './transport.ts';

const SLICE = 16 * 1024;

class PairEnd implements Transport {
  readonly path: string;
  peer!: PairEnd;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[{ lost: boolean; error?: Error }]>();
  private ended = false;

  constructor(path: string) {
    this.path = path;
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.ended) throw new Error(`${this.path} is closed`);
    const copy = bytes.slice();
    for (let i = 0; i < copy.length; i += SLICE) {
      const slice = copy.subarray(i, i + SLICE);
      await new Promise<void>((r) => setImmediate(r));
      if (this.ended || this.peer.ended) throw new Error(`${this.path} closed during write`);
      this.peer.data.emit(slice);
    }
  }

  onData(cb: (bytes: Uint8Array) => void): () => void {
    return this.data.add(cb);
  }

  onClose(cb: (info: { lost: boolean; error?: Error }) => void): () => void {
    return this.closed.add(cb);
  }

  async close(): Promise<void> {
    this.end(false);
  }

  /** Simulates the link vanishing: both ends close as "lost". */
  sever(): void {
    this.end(true);
    this.peer.end(true);
  }

  end(lost: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.closed.emit({ lost });
    this.closed.clear();
    this.data.clear();
  }
}

export interface StreamPair {
  host: Transport;
  unit: Transport;
  /** Pulls the plug: both ends report a lost link. */
  sever(): void;
}

export function createStreamPair(name: string): StreamPair {
  const host = new PairEnd(`sim://${name}`);
  const unit = new PairEnd(`sim://${name}#unit`);
  host.peer = unit;
  unit.peer = host;
  return { host, unit, sever: () => host.sever() };
}
