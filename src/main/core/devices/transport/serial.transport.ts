/**
 * Transport over a serial port (USB CDC ACM, a USB-serial bridge, or a pseudo-terminal), using
 * the `serialport` package's native binding. A pty ignores the baud rate; a real port uses it.
 */
import { readSync, writeSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { Listeners } from './transport.ts';
import type { Transport, TransportOpenOptions } from './transport.ts';

export class SerialTransport implements Transport {
  readonly path: string;
  private readonly port: SerialPort;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[{ lost: boolean; error?: Error }]>();
  private closing = false;
  private ended = false;

  private constructor(port: SerialPort, path: string) {
    this.port = port;
    this.path = path;
    port.on('data', (b: Buffer) => this.data.emit(b));
    port.on('error', (err: Error) => this.finish(!this.closing, err));
    port.on('close', (err?: Error | null) => this.finish(!this.closing, err ?? undefined));
  }

  static async open(path: string, opts: TransportOpenOptions = {}): Promise<SerialTransport> {
    const port = new SerialPort({ path, baudRate: opts.baudRate ?? 115200, autoOpen: false, highWaterMark: 256 * 1024 });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    keepBothPollInterests(port);
    directUnixIo(port);
    return new SerialTransport(port, path);
  }

  get isOpen(): boolean {
    return !this.ended && this.port.isOpen;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new Error(`port ${this.path} is closed`));
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const offClose = this.closed.add(() => {
        if (!settled) {
          settled = true;
          reject(new Error(`port ${this.path} closed during write`));
        }
      });
      const done = (err?: Error | null): void => {
        if (settled) return;
        settled = true;
        offClose();
        if (err) reject(err);
        else resolve();
      };
      const ok = this.port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (err) => {
        if (err) done(err);
      });
      if (ok) done();
      else this.port.once('drain', () => done());
    });
  }

  onData(cb: (bytes: Uint8Array) => void): () => void {
    return this.data.add(cb);
  }

  onClose(cb: (info: { lost: boolean; error?: Error }) => void): () => void {
    if (this.ended) {
      queueMicrotask(() => cb({ lost: false }));
      return () => {};
    }
    return this.closed.add(cb);
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.closing = true;
    if (this.port.isOpen) {
      await new Promise<void>((resolve) => this.port.close(() => resolve()));
    }
    this.finish(false);
  }

  private finish(lost: boolean, error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.closed.emit(error ? { lost, error } : { lost });
    this.closed.clear();
    this.data.clear();
    if (this.port.isOpen) this.port.close(() => {});
  }
}

/**
 * Works around a bug in @serialport/bindings-cpp 12/13 on Linux and macOS (src/poller.cpp):
 * `Poller::poll(events)` calls `uv_poll_start` with only the events just asked for, dropping
 * the interest that is already waiting. A port that reads and writes at the same time (every
 * request/response protocol under load: a write hits EAGAIN while a read waits) then loses the
 * 'writable' wake-up when the next read re-arms 'readable', and the write sits in the buffer
 * until unrelated traffic arrives. Re-arming with the union of the events that still have
 * waiters keeps both. Only touches the instance's JS poller; a no-op where there is none.
 */
function keepBothPollInterests(port: SerialPort): void {
  const binding = port.port as unknown as { poller?: PollerLike } | undefined;
  const poller = binding?.poller;
  if (!poller || typeof poller.poll !== 'function' || typeof poller.listenerCount !== 'function') return;
  const poll = poller.poll.bind(poller);
  poller.poll = (flag = 0) => {
    const waiting = (poller.listenerCount('readable') > 0 ? UV_READABLE : 0) | (poller.listenerCount('writable') > 0 ? UV_WRITABLE : 0);
    poll(flag | waiting);
  };
}

/**
 * Reads and writes the port's file descriptor directly, on this thread, instead of through
 * libuv's thread pool. Why: serialport's Unix binding calls `fs.read`/`fs.write` for every
 * transfer, and a tty hands over at most ~4 KiB per read, so a 32 MiB download is ~8 000 trips
 * to a pool thread and back (a futex wake-up each way), which profiled as most of the host's CPU
 * per MiB. The descriptor is non-blocking (the binding opens it with O_NONBLOCK), so `readSync`
 * and `writeSync` return at once: a read takes what the tty has, up to the stream's buffer, and
 * a write writes what the tty takes; on EAGAIN both wait for the binding's own poller, exactly as
 * the binding does. Errors keep the binding's shape (a closed port is a canceled error; anything
 * else reaches the stream, which reports the port as lost). Only on a binding with a descriptor
 * and a poller (Linux, macOS); Windows keeps the stock binding.
 */
function directUnixIo(port: SerialPort): void {
  const b = port.port as unknown as UnixBindingLike | undefined;
  if (!b || typeof b.fd !== 'number' || !b.poller || typeof b.poller.once !== 'function' || typeof b.read !== 'function' || typeof b.write !== 'function') return;
  const wait = (event: 'readable' | 'writable'): Promise<void> =>
    new Promise((resolve, reject) => b.poller!.once(event, (err?: Error | null) => (err ? reject(err) : resolve())));
  const notOpen = (): Error => Object.assign(new Error('Port is not open'), { canceled: true });

  // A read or write that moved fewer bytes than asked found the tty drained (or full): the next
  // try would fail with EAGAIN, and a failed fs call builds an exception (a stack trace) each
  // time, so the next one waits for the poller first.
  let readDrained = false;
  b.read = async (buffer: Buffer, offset: number, length: number) => {
    for (;;) {
      if (b.fd === null) throw notOpen();
      if (readDrained) {
        readDrained = false;
        await wait('readable');
        continue;
      }
      let n: number;
      try {
        n = readSync(b.fd, buffer, offset, length, null);
      } catch (err) {
        if (!isAgain(err)) throw err;
        readDrained = true;
        continue;
      }
      if (n > 0) {
        readDrained = n < length;
        return { bytesRead: n, buffer };
      }
      readDrained = true;
    }
  };

  b.write = (buffer: Buffer) => {
    if (b.fd === null) return Promise.reject(new Error('Port is not open'));
    const op = (async () => {
      let off = 0;
      while (off < buffer.length) {
        if (b.fd === null) throw new Error('Port is not open');
        let full = false;
        try {
          const n = writeSync(b.fd, buffer, off, buffer.length - off);
          off += n;
          full = off < buffer.length;
        } catch (err) {
          if (!isAgain(err)) throw err;
          full = true;
        }
        if (full) await wait('writable');
      }
      b.writeOperation = null;
    })();
    b.writeOperation = op;
    return op;
  };
}

function isAgain(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR';
}

interface UnixBindingLike {
  fd: number | null;
  poller?: { once: (event: string, cb: (err?: Error | null) => void) => unknown };
  writeOperation: Promise<void> | null;
  read: (buffer: Buffer, offset: number, length: number) => Promise<{ bytesRead: number; buffer: Buffer }>;
  write: (buffer: Buffer) => Promise<void>;
}

const UV_READABLE = 1;
const UV_WRITABLE = 2;

interface PollerLike {
  poll: (flag?: number) => void;
  listenerCount: (event: string) => number;
}

export function openSerialTransport(path: string, opts?: TransportOpenOptions): Promise<Transport> {
  return SerialTransport.open(path, opts);
}
