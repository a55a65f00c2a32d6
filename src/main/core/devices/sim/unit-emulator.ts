/**
 * A simulated Player1 unit: speaks the device side of the protocol over any Transport (one end
 * of a socat pty pair in tests and demo mode, an in-process stream pair when socat is missing)
 * and serves a scenario's recordings. Ships with the app for demo mode.
 *
 * Fault injection (all deterministic, so a test knows exactly what happened):
 *   dropEveryNthData     drop `dropBytes` bytes from the middle of every Nth DATA frame
 *   corruptEveryNthData  flip one payload byte of every Nth DATA frame (1 = every frame)
 *   noiseEveryNthData    write stray bytes before every Nth DATA frame
 *   stall                once, after N DATA frames, go silent for `ms`
 *   disconnectAfterBytes once DATA bytes served reach N, send half a frame then pull the plug
 *   wrongChecksum        the recording list advertises a wrong sha256
 *   baud                 throttle everything the unit sends to baud/10 bytes per second
 *   clock offset         comes from the unit spec (unit clock = host clock + offset)
 */
import { FrameDecoder, encodeFrame } from '../protocol/frame.ts';
import type { Frame } from '../protocol/frame.ts';
import {
  decodeErase,
  decodeHello,
  decodeRead,
  encodeDataFrame,
  encodeError,
  encodeEraseReply,
  encodeHelloReply,
  encodeListReply,
  MsgType,
  PROTOCOL_VERSION,
  ProtocolError,
  UnitErrorCode,
} from '../protocol/messages.ts';
import type { ReadRequest, RecordingEntry } from '../protocol/messages.ts';
import type { Transport } from '../transport/transport.ts';
import { open, type FileHandle } from 'node:fs/promises';
import { recordingSize, sha256Hex } from './scenario.ts';
import type { RecordingFile, SimRecording, SimUnitSpec } from './scenario.ts';

export interface EmulatorFaults {
  dropEveryNthData?: number;
  dropBytes?: number;
  corruptEveryNthData?: number;
  noiseEveryNthData?: number;
  stall?: { afterDataFrames: number; ms: number };
  disconnectAfterBytes?: number;
  wrongChecksum?: boolean;
  baud?: number;
}

export interface EmulatorOptions {
  faults?: EmulatorFaults;
  /** Host clock; the unit's clock is this plus spec.clockOffsetMs. */
  now?: () => number;
  /** Pulls the plug for the disconnect fault (kill socat, sever the stream pair). */
  onDisconnect?: () => void;
  maxChunk?: number;
}

export const DEFAULT_MAX_CHUNK = 64 * 1024;

export class UnitEmulator {
  readonly spec: SimUnitSpec;
  /** Every READ the unit answered with DATA, in order: tests count what was fetched. */
  readonly reads: ReadRequest[] = [];
  dataBytesServed = 0;
  dataFrames = 0;
  private readonly transport: Transport;
  private readonly faults: EmulatorFaults;
  private readonly now: () => number;
  private readonly onDisconnect: () => void;
  private readonly maxChunk: number;
  private readonly decoder = new FrameDecoder();
  private readonly queue: Frame[] = [];
  private readonly shas = new Map<number, string>();
  /** Open recording files, by path. */
  private readonly files = new Map<string, Promise<FileHandle>>();
  private busy = false;
  private stopped = false;
  private stalled = false;
  private disconnected = false;
  private paceAt = 0;
  private readonly offData: () => void;

  constructor(spec: SimUnitSpec, transport: Transport, opts: EmulatorOptions = {}) {
    this.spec = spec; // shared: an erase changes the unit's "flash" for later connections too
    this.transport = transport;
    this.faults = opts.faults ?? {};
    this.now = opts.now ?? Date.now;
    this.onDisconnect = opts.onDisconnect ?? (() => void transport.close());
    this.maxChunk = opts.maxChunk ?? DEFAULT_MAX_CHUNK;
    for (const r of spec.recordings) this.shas.set(r.id, r.bytes ? (r.sha256 ?? sha256Hex(r.bytes)) : r.sha256);
    this.offData = transport.onData((b) => {
      for (const f of this.decoder.push(b)) this.queue.push(f);
      void this.pump();
    });
    transport.onClose(() => this.stop());
  }

  /** Recordings currently on the unit (erase removes them). */
  get recordings(): readonly SimRecording[] {
    return this.spec.recordings;
  }

  /** Stops serving; resolves once its recording files are closed (their folder may then go, on Windows too). */
  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    this.offData();
    const closing = [...this.files.values()].map((h) => h.then((f) => f.close()).catch(() => {}));
    this.files.clear();
    return Promise.all(closing).then(() => {});
  }

  /** A chunk of a recording kept in a file (its handle opened on the first read, closed at stop). */
  private async readFile(file: RecordingFile, offset: number, length: number): Promise<Uint8Array> {
    let h = this.files.get(file.path);
    if (!h) {
      h = open(file.path, 'r');
      this.files.set(file.path, h);
      // A failed open is not kept: the next read tries again (a file busy for a moment).
      h.catch(() => this.files.get(file.path) === h && this.files.delete(file.path));
    }
    const out = new Uint8Array(length);
    const { bytesRead } = await (await h).read(out, 0, length, offset);
    if (bytesRead !== length) throw new Error(`recording file ${file.path} is shorter than its ${file.size} bytes`);
    return out;
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const f = this.queue.shift()!;
        await this.handle(f);
      }
    } catch {
      // The link went away mid-reply: nothing more to serve.
    } finally {
      this.busy = false;
    }
  }

  private async handle(f: Frame): Promise<void> {
    try {
      switch (f.type) {
        case MsgType.HELLO: {
          const req = decodeHello(f.payload);
          if (req.protocolVersion !== PROTOCOL_VERSION) {
            return this.error(f.seq, UnitErrorCode.UNSUPPORTED_VERSION, `protocol ${req.protocolVersion} not supported`);
          }
          const s = this.spec;
          return this.send(MsgType.HELLO_OK, f.seq, encodeHelloReply({
            protocolVersion: PROTOCOL_VERSION,
            batteryPct: s.batteryPct,
            batteryMv: s.batteryMv,
            unitClockMs: this.now() + s.clockOffsetMs,
            maxChunk: this.maxChunk,
            unitId: s.unitId,
            firmware: s.firmware,
          }));
        }
        case MsgType.LIST: {
          const entries: RecordingEntry[] = this.spec.recordings.map((r) => ({
            id: r.id,
            startMs: r.startMs,
            endMs: r.endMs,
            size: recordingSize(r),
            sha256: this.faults.wrongChecksum ? sha256Hex(new TextEncoder().encode(`wrong ${r.id}`)) : this.shas.get(r.id)!,
          }));
          return this.send(MsgType.LIST_OK, f.seq, encodeListReply(entries));
        }
        case MsgType.READ:
          return this.read(f.seq, decodeRead(f.payload));
        case MsgType.ERASE: {
          const req = decodeErase(f.payload);
          const idx = this.spec.recordings.findIndex((r) => r.id === req.id);
          if (idx < 0) return this.error(f.seq, UnitErrorCode.UNKNOWN_RECORDING, `no recording ${req.id}`);
          if (this.shas.get(req.id) !== req.sha256) {
            return this.error(f.seq, UnitErrorCode.CHECKSUM_MISMATCH, `recording ${req.id} does not have that checksum; not erased`);
          }
          this.spec.recordings.splice(idx, 1);
          return this.send(MsgType.ERASE_OK, f.seq, encodeEraseReply(req.id));
        }
        default:
          return this.error(f.seq, UnitErrorCode.BAD_REQUEST, `unknown message type 0x${f.type.toString(16)}`);
      }
    } catch (e) {
      if (e instanceof ProtocolError) return this.error(f.seq, UnitErrorCode.BAD_REQUEST, e.message);
      throw e;
    }
  }

  private async read(seq: number, req: ReadRequest): Promise<void> {
    const rec = this.spec.recordings.find((r) => r.id === req.id);
    if (!rec) return this.error(seq, UnitErrorCode.UNKNOWN_RECORDING, `no recording ${req.id}`);
    const size = recordingSize(rec);
    if (req.length === 0 || req.length > this.maxChunk || req.offset + req.length > size) {
      return this.error(seq, UnitErrorCode.OUT_OF_RANGE, `read ${req.offset}+${req.length} outside recording ${req.id} (${size} bytes, max chunk ${this.maxChunk})`);
    }
    let data: Uint8Array;
    if (rec.bytes) data = rec.bytes.subarray(req.offset, req.offset + req.length);
    else {
      try {
        data = await this.readFile(rec.file, req.offset, req.length);
      } catch (e) {
        // The flash file went (its folder removed): the unit says so rather than going quiet.
        return this.error(seq, UnitErrorCode.UNKNOWN_RECORDING, `recording ${req.id} cannot be read from the simulated flash: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (this.stopped) return;
    }
    let frame = encodeDataFrame(seq, req.id, req.offset, data);
    const n = ++this.dataFrames;
    const fx = this.faults;

    if (fx.stall && n === fx.stall.afterDataFrames + 1 && !this.stalled) {
      this.stalled = true;
      await sleep(fx.stall.ms);
      if (this.stopped) return;
    }
    if (fx.noiseEveryNthData && n % fx.noiseEveryNthData === 0) {
      await this.write(Uint8Array.from([0xa5, 0x00, 0x13, 0xa5, 0x5a, 0x01, 0xff, 0x42, 0x17]));
    }
    if (fx.corruptEveryNthData && n % fx.corruptEveryNthData === 0) {
      frame = frame.slice();
      const at = 12 + 16 + (n * 7919) % data.length;
      frame[at] ^= 0x5a;
    }
    if (fx.dropEveryNthData && n % fx.dropEveryNthData === 0) {
      const k = Math.min(fx.dropBytes ?? 7, frame.length - 1);
      const mid = frame.length >> 1;
      const cut = new Uint8Array(frame.length - k);
      cut.set(frame.subarray(0, mid), 0);
      cut.set(frame.subarray(mid + k), mid);
      frame = cut;
    }
    if (fx.disconnectAfterBytes != null && !this.disconnected && this.dataBytesServed + data.length >= fx.disconnectAfterBytes) {
      this.disconnected = true;
      await this.write(frame.subarray(0, frame.length >> 1));
      await sleep(20);
      void this.stop();
      this.onDisconnect();
      return;
    }
    this.reads.push(req);
    this.dataBytesServed += data.length;
    await this.write(frame);
  }

  private error(seq: number, code: number, message: string): Promise<void> {
    return this.send(MsgType.ERROR, seq, encodeError({ code, message }));
  }

  private send(type: number, seq: number, payload: Uint8Array): Promise<void> {
    return this.write(encodeFrame(type, seq, payload));
  }

  private async write(bytes: Uint8Array): Promise<void> {
    if (this.stopped) return;
    const baud = this.faults.baud;
    if (!baud) {
      await this.transport.write(bytes);
      return;
    }
    // Throttle: baud/10 bytes per second (8N1), in slices of ~20 ms.
    const bytesPerSec = baud / 10;
    const slice = Math.max(1, Math.floor(bytesPerSec / 50));
    for (let i = 0; i < bytes.length && !this.stopped; i += slice) {
      const part = bytes.subarray(i, i + slice);
      const t = this.now();
      if (this.paceAt > t) await sleep(this.paceAt - t);
      this.paceAt = Math.max(this.paceAt, this.now()) + (part.length / bytesPerSec) * 1000;
      await this.transport.write(part);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
