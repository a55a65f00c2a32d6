/**
 * Host side of the Player1 protocol over any Transport: request/response matched by sequence
 * number, several requests in flight (pipelining), an idle watchdog instead of per-request
 * wall-clock timeouts (a slow link that keeps delivering a frame is not a dead one; one that only
 * chatters, noise or replies to nothing asked, is), and retries
 * left to the caller through RetryableError. Hand-written: it is the protocol itself.
 *
 * Loss detection: the unit answers requests strictly in order, so a valid reply to a later
 * request proves every earlier outstanding request (or its reply) was lost; those are failed at
 * once as retryable instead of waiting for the watchdog.
 */
import { DeviceError } from '../device-error.ts';
import type { Transport } from '../transport/transport.ts';
import { crc32OfTail, encodeFrame, framePrefixCrc, FrameDecoder } from './frame.ts';
import type { DecoderStats, Frame } from './frame.ts';
import {
  DATA_HEADER_BYTES,
  decodeData,
  decodeError,
  decodeEraseReply,
  decodeHelloReply,
  decodeListReply,
  encodeErase,
  encodeHello,
  encodeRead,
  MsgType,
  PROTOCOL_VERSION,
  ProtocolError,
  replyTypeOf,
  unitErrorName,
} from './messages.ts';
import type { HelloReply, RecordingEntry } from './messages.ts';

/** A failure worth retrying: the request or its reply was lost or damaged on the link. */
export class RetryableError extends Error {
  readonly kind: 'timeout' | 'lost' | 'corrupt';
  constructor(kind: 'timeout' | 'lost' | 'corrupt', message: string) {
    super(message);
    this.name = 'RetryableError';
    this.kind = kind;
  }
}

export interface LinkOptions {
  /** No progress (a reply, or bytes of a verified frame) for this long while a request is outstanding = timeout. Default 1500 ms. */
  idleTimeoutMs?: number;
  /** Attempts per request for hello/list/erase (reads are retried by the downloader). Default 6. */
  attempts?: number;
  now?: () => number;
}

export interface LinkStats extends DecoderStats {
  timeouts: number;
  lostReplies: number;
  staleReplies: number;
  corruptChunks: number;
}

interface Pending {
  order: number;
  seq: number;
  type: number;
  sentAt: number;
  resolve: (f: Frame) => void;
  reject: (e: Error) => void;
}

export interface HelloResult {
  info: HelloReply;
  /** unit clock − host clock, measured at the midpoint of the HELLO round trip. */
  clockOffsetMs: number;
  rttMs: number;
}

/** offset = unit clock − host clock at the midpoint of the round trip (docs/device-protocol.md). */
export function clockOffsetFromRoundTrip(hostSendMs: number, hostReceiveMs: number, unitClockMs: number): number {
  return unitClockMs - (hostSendMs + hostReceiveMs) / 2;
}

export class Player1Link {
  /** Name used in errors: the port until the handshake tells the unit id. */
  label: string;
  readonly transport: Transport;
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<number, Pending>();
  private readonly baseIdleMs: number;
  private idleMs: number;
  private readonly attempts: number;
  private readonly now: () => number;
  private nextSeq = 1;
  private order = 0;
  private outFrames: Uint8Array[] = [];
  private outWrite: Promise<void> | null = null;
  private lastRxAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private closedError: DeviceError | null = null;
  private readonly offData: () => void;
  private readonly offClose: () => void;
  private counters = { timeouts: 0, lostReplies: 0, staleReplies: 0, corruptChunks: 0 };

  constructor(transport: Transport, opts: LinkOptions = {}) {
    this.transport = transport;
    this.label = transport.path;
    this.baseIdleMs = opts.idleTimeoutMs ?? 1500;
    this.idleMs = this.baseIdleMs;
    this.attempts = opts.attempts ?? 6;
    this.now = opts.now ?? Date.now;
    this.decoder.onDamaged = (seq, type) => this.onDamaged(seq, type);
    this.offData = transport.onData((b) => this.onBytes(b));
    this.offClose = transport.onClose(({ lost, error }) => {
      const why = lost
        ? `link lost (unplugged?)${error ? `: ${error.message}` : ''}`
        : 'port closed';
      this.fail(new DeviceError('DISCONNECTED', this.label, why));
    });
  }

  get stats(): LinkStats {
    return { ...this.decoder.stats, ...this.counters };
  }

  get isOpen(): boolean {
    return this.closedError === null && this.transport.isOpen;
  }

  /** Sends one request and waits for its reply frame (not retried). */
  send(type: number, payload: Uint8Array): Promise<Frame> {
    if (this.closedError) return Promise.reject(this.closedError);
    let seq = this.nextSeq;
    while (this.pending.has(seq)) seq = (seq + 1) & 0xffff || 1;
    this.nextSeq = (seq + 1) & 0xffff || 1;
    return new Promise<Frame>((resolve, reject) => {
      const p: Pending = { order: ++this.order, seq, type, sentAt: this.now(), resolve, reject };
      this.pending.set(seq, p);
      if (this.pending.size === 1) this.lastRxAt = this.now();
      this.armWatchdog();
      this.queueWrite(encodeFrame(type, seq, payload)).catch((err: unknown) => {
        if (this.pending.get(seq) === p) {
          this.pending.delete(seq);
          reject(new DeviceError('DISCONNECTED', this.label, `write failed: ${(err as Error).message}`));
        }
      });
    });
  }

  /**
   * Requests made in the same tick leave in one transport write (the downloader issues its READs
   * in groups): every write wakes each process between host and unit, and on a pty pair a small
   * write costs about as much as a 4 KiB read.
   */
  private queueWrite(frame: Uint8Array): Promise<void> {
    this.outFrames.push(frame);
    this.outWrite ??= new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => {
      const frames = this.outFrames;
      this.outFrames = [];
      this.outWrite = null;
      return this.transport.write(frames.length === 1 ? frames[0] : concatBytes(frames));
    });
    return this.outWrite;
  }

  /** send() with bounded retries on loss/damage; unit ERROR replies are not retried. */
  async request(type: number, payload: Uint8Array): Promise<Frame> {
    let last: Error | null = null;
    for (let i = 0; i < this.attempts; i++) {
      try {
        return await this.send(type, payload);
      } catch (e) {
        if (!(e instanceof RetryableError)) throw e;
        last = e;
      }
    }
    throw this.exhausted(`no valid reply to ${typeName(type)} after ${this.attempts} attempts`, last);
  }

  /** Builds the final error once retries are exhausted, naming what went wrong on the link. */
  exhausted(what: string, last: Error | null): DeviceError {
    const s = this.stats;
    const detail = `${s.crcErrors} frame CRC errors, ${s.badHeaders} bad headers, ${s.corruptChunks} bad chunks, ${s.timeouts} timeouts, ${s.garbageBytes} stray bytes`;
    const code = last instanceof RetryableError && last.kind === 'timeout' && s.crcErrors + s.corruptChunks === 0 ? 'TIMEOUT' : 'CORRUPT_LINK';
    const reason = code === 'TIMEOUT' ? 'the unit stopped answering' : 'the link keeps corrupting data';
    return new DeviceError(code, this.label, `${reason}: ${what} (${detail})`, { ...s });
  }

  async hello(): Promise<HelloResult> {
    let last: Error | null = null;
    for (let i = 0; i < this.attempts; i++) {
      const t0 = this.now();
      try {
        const f = await this.send(MsgType.HELLO, encodeHello({ protocolVersion: PROTOCOL_VERSION, hostTimeMs: t0 }));
        const t1 = this.now();
        const info = this.parse(() => decodeHelloReply(f.payload));
        this.label = info.unitId;
        return { info, clockOffsetMs: clockOffsetFromRoundTrip(t0, t1, info.unitClockMs), rttMs: t1 - t0 };
      } catch (e) {
        if (!(e instanceof RetryableError)) throw e;
        last = e;
      }
    }
    throw this.exhausted(`no valid reply to HELLO after ${this.attempts} attempts`, last);
  }

  async list(): Promise<RecordingEntry[]> {
    const f = await this.request(MsgType.LIST, new Uint8Array(0));
    return this.parse(() => decodeListReply(f.payload));
  }

  /** One chunk, verified (frame CRC by the decoder, then id, offset, length and chunk CRC). */
  async readChunk(id: number, offset: number, length: number): Promise<Uint8Array> {
    const f = await this.send(MsgType.READ, encodeRead({ id, offset, length }));
    const d = this.parse(() => decodeData(f.payload));
    if (d.id !== id || d.offset !== offset || d.data.length !== length) {
      this.counters.corruptChunks++;
      throw new RetryableError('corrupt', `chunk reply for ${d.id}@${d.offset}+${d.data.length}, asked ${id}@${offset}+${length}`);
    }
    // crc32(d.data), derived from the frame CRC the decoder verified (the chunk is not read twice).
    if (crc32OfTail(f.crc, framePrefixCrc(f, DATA_HEADER_BYTES), d.data.length) !== d.chunkCrc) {
      this.counters.corruptChunks++;
      throw new RetryableError('corrupt', `chunk CRC mismatch at offset ${offset}`);
    }
    return d.data;
  }

  async erase(id: number, sha256: string): Promise<void> {
    const f = await this.request(MsgType.ERASE, encodeErase({ id, sha256 }));
    const got = this.parse(() => decodeEraseReply(f.payload));
    if (got !== id) throw new DeviceError('PROTOCOL', this.label, `erase acknowledged recording ${got}, asked ${id}`);
  }

  /** Every outstanding request, and any later one, fails at once with CANCELLED (Cancel, the app closing). */
  cancel(reason: string): void {
    this.fail(new DeviceError('CANCELLED', this.label, reason));
  }

  async close(): Promise<void> {
    this.offData();
    this.offClose();
    this.fail(new DeviceError('DISCONNECTED', this.label, 'link closed'));
    await this.transport.close();
  }

  private parse<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ProtocolError) throw new DeviceError('PROTOCOL', this.label, e.message);
      throw e;
    }
  }

  /**
   * The idle watchdog counts from the last progress: a reply to an outstanding request, or bytes
   * of a frame whose header verified (a long DATA frame arriving slowly). Noise and stale replies
   * are not progress: a unit (or a cable) that chatters but never answers times out like a silent one.
   */
  private onBytes(b: Uint8Array): void {
    const frames = this.decoder.push(b);
    let progress = this.decoder.assembling;
    for (const f of frames) if (this.onFrame(f)) progress = true;
    if (progress) this.lastRxAt = this.now();
  }

  /** True when the frame answered an outstanding request. */
  private onFrame(f: Frame): boolean {
    const p = this.pending.get(f.seq);
    if (!p) {
      this.counters.staleReplies++;
      return false;
    }
    const expected = replyTypeOf[p.type];
    if (f.type !== expected && f.type !== MsgType.ERROR) {
      this.counters.staleReplies++;
      return false;
    }
    this.pending.delete(f.seq);
    this.idleMs = this.baseIdleMs;
    // Replies come in request order: anything sent before this request is lost.
    for (const q of [...this.pending.values()]) {
      if (q.order < p.order) {
        this.pending.delete(q.seq);
        this.counters.lostReplies++;
        q.reject(new RetryableError('lost', `reply to ${typeName(q.type)} #${q.seq} lost`));
      }
    }
    if (f.type === MsgType.ERROR) {
      let msg: string;
      let code = 0;
      try {
        const e = decodeError(f.payload);
        code = e.code;
        msg = e.message;
      } catch {
        msg = 'unreadable error reply';
      }
      p.reject(
        new DeviceError('UNIT_ERROR', this.label, `unit refused ${typeName(p.type)}: ${unitErrorName[code] ?? `code ${code}`}: ${msg}`, {
          unitErrorCode: code,
        }),
      );
    } else {
      p.resolve(f);
    }
    if (this.pending.size === 0) this.disarmWatchdog();
    return true;
  }

  private onDamaged(seq: number, type: number): void {
    const p = this.pending.get(seq);
    if (!p || (replyTypeOf[p.type] !== type && type !== MsgType.ERROR)) return;
    this.pending.delete(seq);
    p.reject(new RetryableError('corrupt', `reply to ${typeName(p.type)} #${seq} failed its CRC`));
    if (this.pending.size === 0) this.disarmWatchdog();
  }

  private armWatchdog(): void {
    if (this.watchdog) return;
    const tick = Math.max(20, Math.min(250, this.baseIdleMs / 4));
    this.watchdog = setInterval(() => this.checkIdle(), tick);
  }

  private disarmWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private checkIdle(): void {
    if (this.pending.size === 0) {
      this.disarmWatchdog();
      return;
    }
    const now = this.now();
    if (now - this.lastRxAt < this.idleMs) return;
    // Nothing heard for idleMs: everything outstanding is lost. Back off for the retry (a stall).
    this.counters.timeouts++;
    const waited = this.idleMs;
    this.idleMs = Math.min(this.idleMs * 2, 8000);
    this.lastRxAt = now;
    this.decoder.reset();
    for (const q of [...this.pending.values()]) {
      this.pending.delete(q.seq);
      q.reject(new RetryableError('timeout', `no reply to ${typeName(q.type)} #${q.seq} within ${waited} ms`));
    }
    this.disarmWatchdog();
  }

  private fail(err: DeviceError): void {
    if (this.closedError) return;
    this.closedError = err;
    this.disarmWatchdog();
    for (const q of [...this.pending.values()]) q.reject(err);
    this.pending.clear();
  }
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function typeName(t: number): string {
  for (const [k, v] of Object.entries(MsgType)) if (v === t) return k;
  return `type 0x${t.toString(16)}`;
}
