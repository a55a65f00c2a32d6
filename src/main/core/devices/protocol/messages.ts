/**
 * Player1 protocol messages: type codes and payload codecs (docs/device-protocol.md, "Messages").
 * Hand-written for the same reason as the framing: a fixed binary layout, on the hot path for DATA.
 * Every decoder checks lengths and throws ProtocolError on a short or inconsistent payload, so a
 * frame that passed its CRC but carries nonsense still becomes a clear error, never a crash.
 */
import { crc32 } from 'node:zlib';
import { encodeFrameParts } from './frame.ts';

export const PROTOCOL_VERSION = 1;

export const MsgType = {
  HELLO: 0x01,
  LIST: 0x02,
  READ: 0x03,
  ERASE: 0x04,
  HELLO_OK: 0x81,
  LIST_OK: 0x82,
  DATA: 0x83,
  ERASE_OK: 0x84,
  ERROR: 0x7f,
} as const;
export type MsgTypeCode = (typeof MsgType)[keyof typeof MsgType];

/** The reply type a request expects (ERROR may always come instead). */
export const replyTypeOf: Record<number, number> = {
  [MsgType.HELLO]: MsgType.HELLO_OK,
  [MsgType.LIST]: MsgType.LIST_OK,
  [MsgType.READ]: MsgType.DATA,
  [MsgType.ERASE]: MsgType.ERASE_OK,
};

export const UnitErrorCode = {
  BAD_REQUEST: 1,
  UNKNOWN_RECORDING: 2,
  OUT_OF_RANGE: 3,
  CHECKSUM_MISMATCH: 4,
  BUSY: 5,
  UNSUPPORTED_VERSION: 6,
} as const;

export const unitErrorName: Record<number, string> = {
  1: 'BAD_REQUEST',
  2: 'UNKNOWN_RECORDING',
  3: 'OUT_OF_RANGE',
  4: 'CHECKSUM_MISMATCH',
  5: 'BUSY',
  6: 'UNSUPPORTED_VERSION',
};

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export interface HelloRequest {
  protocolVersion: number;
  hostTimeMs: number;
}

export interface HelloReply {
  protocolVersion: number;
  batteryPct: number;
  batteryMv: number;
  /** The unit's own clock (epoch ms) when it built the reply. */
  unitClockMs: number;
  /** Largest chunk the unit serves in one DATA reply. */
  maxChunk: number;
  unitId: string;
  firmware: string;
}

export interface RecordingEntry {
  id: number;
  /** Unit clock, epoch ms. */
  startMs: number;
  endMs: number;
  size: number;
  /** Whole-file sha256, lower-case hex. */
  sha256: string;
}

export interface ReadRequest {
  id: number;
  offset: number;
  length: number;
}

export interface DataReply {
  id: number;
  offset: number;
  chunkCrc: number;
  data: Uint8Array;
}

export interface EraseRequest {
  id: number;
  sha256: string;
}

export interface UnitErrorReply {
  code: number;
  message: string;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

class Writer {
  readonly bytes: Uint8Array;
  readonly dv: DataView;
  pos = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
  }
  u8(v: number): void {
    this.dv.setUint8(this.pos, v);
    this.pos += 1;
  }
  u16(v: number): void {
    this.dv.setUint16(this.pos, v, true);
    this.pos += 2;
  }
  u32(v: number): void {
    this.dv.setUint32(this.pos, v >>> 0, true);
    this.pos += 4;
  }
  u64(v: number): void {
    this.dv.setBigUint64(this.pos, BigInt(v), true);
    this.pos += 8;
  }
  f64(v: number): void {
    this.dv.setFloat64(this.pos, v, true);
    this.pos += 8;
  }
  raw(b: Uint8Array): void {
    this.bytes.set(b, this.pos);
    this.pos += b.length;
  }
  done(): Uint8Array {
    return this.pos === this.bytes.length ? this.bytes : this.bytes.subarray(0, this.pos);
  }
}

class Reader {
  readonly dv: DataView;
  pos = 0;
  readonly bytes: Uint8Array;
  readonly what: string;
  constructor(bytes: Uint8Array, what: string) {
    this.bytes = bytes;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.what = what;
  }
  need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new ProtocolError(`${this.what}: payload too short (${this.bytes.length} bytes, needs more than ${this.pos + n - 1})`);
    }
  }
  u8(): number {
    this.need(1);
    return this.dv.getUint8(this.pos++);
  }
  u16(): number {
    this.need(2);
    const v = this.dv.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.dv.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u64(): number {
    this.need(8);
    const v = this.dv.getBigUint64(this.pos, true);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtocolError(`${this.what}: 64-bit value out of range`);
    return Number(v);
  }
  f64(): number {
    this.need(8);
    const v = this.dv.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  raw(n: number): Uint8Array {
    this.need(n);
    const b = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  str8(): string {
    return dec.decode(this.raw(this.u8()));
  }
  str16(): string {
    return dec.decode(this.raw(this.u16()));
  }
  end(): void {
    if (this.pos !== this.bytes.length) {
      throw new ProtocolError(`${this.what}: ${this.bytes.length - this.pos} unexpected trailing bytes`);
    }
  }
}

function str8Bytes(s: string): Uint8Array {
  const b = enc.encode(s);
  if (b.length > 255) throw new RangeError('string longer than 255 bytes');
  return b;
}

export function hexToBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new ProtocolError(`not a sha256 hex digest: ${hex}`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function bytesToHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

// ---- HELLO ----
export function encodeHello(m: HelloRequest): Uint8Array {
  const w = new Writer(9);
  w.u8(m.protocolVersion);
  w.f64(m.hostTimeMs);
  return w.done();
}
export function decodeHello(p: Uint8Array): HelloRequest {
  const r = new Reader(p, 'HELLO');
  const m = { protocolVersion: r.u8(), hostTimeMs: r.f64() };
  r.end();
  return m;
}

export function encodeHelloReply(m: HelloReply): Uint8Array {
  const id = str8Bytes(m.unitId);
  const fw = str8Bytes(m.firmware);
  const w = new Writer(1 + 1 + 2 + 8 + 4 + 1 + id.length + 1 + fw.length);
  w.u8(m.protocolVersion);
  w.u8(m.batteryPct);
  w.u16(m.batteryMv);
  w.f64(m.unitClockMs);
  w.u32(m.maxChunk);
  w.u8(id.length);
  w.raw(id);
  w.u8(fw.length);
  w.raw(fw);
  return w.done();
}
export function decodeHelloReply(p: Uint8Array): HelloReply {
  const r = new Reader(p, 'HELLO_OK');
  const m: HelloReply = {
    protocolVersion: r.u8(),
    batteryPct: r.u8(),
    batteryMv: r.u16(),
    unitClockMs: r.f64(),
    maxChunk: r.u32(),
    unitId: r.str8(),
    firmware: r.str8(),
  };
  r.end();
  if (m.unitId.length === 0) throw new ProtocolError('HELLO_OK: empty unit id');
  if (!Number.isFinite(m.unitClockMs)) throw new ProtocolError('HELLO_OK: unit clock is not a number');
  return m;
}

// ---- LIST ----
const ENTRY_BYTES = 4 + 8 + 8 + 8 + 32;
export function encodeListReply(entries: RecordingEntry[]): Uint8Array {
  const w = new Writer(2 + entries.length * ENTRY_BYTES);
  w.u16(entries.length);
  for (const e of entries) {
    w.u32(e.id);
    w.f64(e.startMs);
    w.f64(e.endMs);
    w.u64(e.size);
    w.raw(hexToBytes(e.sha256));
  }
  return w.done();
}
export function decodeListReply(p: Uint8Array): RecordingEntry[] {
  const r = new Reader(p, 'LIST_OK');
  const n = r.u16();
  const out: RecordingEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ id: r.u32(), startMs: r.f64(), endMs: r.f64(), size: r.u64(), sha256: bytesToHex(r.raw(32)) });
  }
  r.end();
  return out;
}

// ---- READ / DATA ----
export function encodeRead(m: ReadRequest): Uint8Array {
  const w = new Writer(16);
  w.u32(m.id);
  w.u64(m.offset);
  w.u32(m.length);
  return w.done();
}
export function decodeRead(p: Uint8Array): ReadRequest {
  const r = new Reader(p, 'READ');
  const m = { id: r.u32(), offset: r.u64(), length: r.u32() };
  r.end();
  return m;
}

export const DATA_HEADER_BYTES = 16;
/** Builds a DATA payload; the chunk CRC is computed here unless the caller passes one (fault injection). */
export function encodeData(id: number, offset: number, data: Uint8Array, chunkCrc = crc32(data)): Uint8Array {
  const w = new Writer(DATA_HEADER_BYTES + data.length);
  w.raw(encodeDataHeader(id, offset, chunkCrc));
  w.raw(data);
  return w.done();
}

/** A whole DATA frame in one buffer: the chunk is copied once and read once (for its CRC). */
export function encodeDataFrame(seq: number, id: number, offset: number, data: Uint8Array): Uint8Array {
  const chunkCrc = crc32(data);
  return encodeFrameParts(MsgType.DATA, seq, encodeDataHeader(id, offset, chunkCrc), data, chunkCrc);
}

function encodeDataHeader(id: number, offset: number, chunkCrc: number): Uint8Array {
  const w = new Writer(DATA_HEADER_BYTES);
  w.u32(id);
  w.u64(offset);
  w.u32(chunkCrc);
  return w.done();
}
export function decodeData(p: Uint8Array): DataReply {
  const r = new Reader(p, 'DATA');
  const id = r.u32();
  const offset = r.u64();
  const chunkCrc = r.u32();
  return { id, offset, chunkCrc, data: p.subarray(DATA_HEADER_BYTES) };
}

// ---- ERASE ----
export function encodeErase(m: EraseRequest): Uint8Array {
  const w = new Writer(4 + 32);
  w.u32(m.id);
  w.raw(hexToBytes(m.sha256));
  return w.done();
}
export function decodeErase(p: Uint8Array): EraseRequest {
  const r = new Reader(p, 'ERASE');
  const m = { id: r.u32(), sha256: bytesToHex(r.raw(32)) };
  r.end();
  return m;
}
export function encodeEraseReply(id: number): Uint8Array {
  const w = new Writer(4);
  w.u32(id);
  return w.done();
}
export function decodeEraseReply(p: Uint8Array): number {
  const r = new Reader(p, 'ERASE_OK');
  const id = r.u32();
  r.end();
  return id;
}

// ---- ERROR ----
export function encodeError(m: UnitErrorReply): Uint8Array {
  const msg = enc.encode(m.message).subarray(0, 4096);
  const w = new Writer(1 + 2 + msg.length);
  w.u8(m.code);
  w.u16(msg.length);
  w.raw(msg);
  return w.done();
}
export function decodeError(p: Uint8Array): UnitErrorReply {
  const r = new Reader(p, 'ERROR');
  const m = { code: r.u8(), message: r.str16() };
  r.end();
  return m;
}
