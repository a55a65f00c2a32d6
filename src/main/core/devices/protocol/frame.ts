/**
 * Player1 link framing (docs/device-protocol.md, "Framing").
 *
 * Written by hand because it is both hot (every byte of every download goes through
 * FrameDecoder.push) and specific to our protocol: no library frames this wire format.
 * The CRC itself is not hand-written: node:zlib's crc32 (IEEE 802.3, the same polynomial as
 * zip/PNG) is native and runs at several GB/s.
 *
 * Frame layout (all integers little-endian):
 *
 *   0  u8   0xA5        sync
 *   1  u8   0x5A        sync
 *   2  u8   version     (1)
 *   3  u8   type        message type (messages.ts)
 *   4  u16  seq         request sequence number, echoed by the reply
 *   6  u32  length      payload length in bytes (<= MAX_PAYLOAD)
 *  10  u16  hcrc        low 16 bits of crc32(bytes 0..9): rejects a corrupted length at once
 *  12  ...  payload
 *  12+length  u32 crc   crc32(bytes 0 .. 12+length-1), header and payload
 *
 * The decoder resynchronises after garbage, dropped or corrupted bytes: when a header or frame
 * check fails it moves one byte on and hunts for the next sync pair, so frames already queued
 * behind a damaged one are still recovered.
 */
import { crc32 } from 'node:zlib';

export const SYNC0 = 0xa5;
export const SYNC1 = 0x5a;
export const FRAME_VERSION = 1;
export const HEADER_BYTES = 12;
export const TRAILER_BYTES = 4;
export const FRAME_OVERHEAD = HEADER_BYTES + TRAILER_BYTES;
/** Largest payload either side accepts: a 1 MiB chunk plus its DATA header. */
export const MAX_PAYLOAD = 1024 * 1024 + 64;

export interface Frame {
  type: number;
  seq: number;
  payload: Uint8Array;
  /** The frame CRC (crc32 of header and payload), verified by the decoder. */
  crc: number;
}

export function encodeFrame(type: number, seq: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return encodeFrameParts(type, seq, payload, EMPTY);
}

const EMPTY = new Uint8Array(0);

function writeHeader(out: Uint8Array, dv: DataView, type: number, seq: number, length: number): void {
  out[0] = SYNC0;
  out[1] = SYNC1;
  out[2] = FRAME_VERSION;
  out[3] = type & 0xff;
  dv.setUint16(4, seq & 0xffff, true);
  dv.setUint32(6, length, true);
  dv.setUint16(10, crc32(out.subarray(0, 10)) & 0xffff, true);
}

/**
 * crc32 of a verified frame's first `HEADER_BYTES + n` bytes (its header, rebuilt from the
 * frame's fields, which is exactly what arrived since the header passed its check, then the
 * payload's first n bytes). With the frame CRC this gives crc32 of the rest of the payload
 * without reading it again (crc32OfTail).
 */
export function framePrefixCrc(f: Frame, n: number): number {
  const h = new Uint8Array(HEADER_BYTES);
  writeHeader(h, new DataView(h.buffer), f.type, f.seq, f.payload.length);
  return crc32(f.payload.subarray(0, n), crc32(h));
}

/**
 * A frame whose payload is `head` followed by `body`, built in one buffer (a DATA frame is a
 * 16-byte header and up to a megabyte of chunk: one copy, not two). When the caller already has
 * crc32(body) (a DATA chunk's CRC), the frame CRC is combined from it instead of reading the
 * body a second time; the result is the same crc32 of the frame's bytes either way.
 */
export function encodeFrameParts(type: number, seq: number, head: Uint8Array, body: Uint8Array, bodyCrc?: number): Uint8Array {
  const length = head.length + body.length;
  if (length > MAX_PAYLOAD) throw new RangeError(`payload of ${length} bytes exceeds ${MAX_PAYLOAD}`);
  // Not zero-filled: every byte is written below (a DATA frame is up to a megabyte).
  const out: Uint8Array = Buffer.allocUnsafeSlow(FRAME_OVERHEAD + length);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  writeHeader(out, dv, type, seq, length);
  out.set(head, HEADER_BYTES);
  const bodyAt = HEADER_BYTES + head.length;
  out.set(body, bodyAt);
  const end = bodyAt + body.length;
  const crc = bodyCrc === undefined ? crc32(out.subarray(0, end)) : crc32Combine(crc32(out.subarray(0, bodyAt)), bodyCrc, body.length);
  dv.setUint32(end, crc, true);
  return out;
}

/**
 * crc32(A ‖ B) from crc32(A), crc32(B) and B's length, and, since CRC-32 is linear, crc32(B)
 * from crc32(A ‖ B) and crc32(A): `crc32Combine(a, b, n) = shift(a, n) ^ b`, where shift(a, n) is
 * what n zero bytes do to a CRC register. By hand because node:zlib exposes crc32 but not zlib's
 * crc32_combine; this is zlib's algorithm (crc32.c, multmodp/x2nmodp): shift(a, n) multiplies a
 * by x^(8n) modulo the CRC polynomial, in O(log n) steps.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x8nModP(lengthB), crcA) ^ crcB) >>> 0;
}

/** crc32(B) from crc32(A ‖ B), crc32(A) and B's length (the inverse of crc32Combine). */
export function crc32OfTail(crcWhole: number, crcHead: number, lengthTail: number): number {
  return (multModP(x8nModP(lengthTail), crcHead) ^ crcWhole) >>> 0;
}

const POLY = 0xedb88320; // reflected CRC-32 polynomial
/** X2N[k] = x^(2^k) mod p(x), reflected, for k = 0..31. */
const X2N = (() => {
  const t = new Uint32Array(32);
  let p = 1 << 30; // x^1
  t[0] = p;
  for (let k = 1; k < 32; k++) t[k] = p = multModP(p, p);
  return t;
})();

/** a · b mod p(x), both reflected. */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(8n) mod p(x), reflected. */
function x8nModP(n: number): number {
  let p = 0x80000000; // x^0
  let k = 3;
  while (n > 0) {
    if (n & 1) p = multModP(X2N[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

export interface DecoderStats {
  frames: number;
  /** Bytes skipped while hunting for a sync pair (noise, or the remains of a damaged frame). */
  garbageBytes: number;
  /** Headers whose check failed. */
  badHeaders: number;
  /** Complete frames whose CRC failed. */
  crcErrors: number;
}

/**
 * Streaming decoder: push() any slice of the byte stream, get back the complete, verified frames.
 * Keeps one growable buffer with read/write cursors so a 64 KiB frame arriving in 4 KiB reads is
 * copied once, not re-concatenated on every read.
 */
export class FrameDecoder {
  readonly stats: DecoderStats = { frames: 0, garbageBytes: 0, badHeaders: 0, crcErrors: 0 };
  private buf: Uint8Array;
  private view: DataView;
  private start = 0;
  private end = 0;
  private readonly maxPayload: number;

  /**
   * Called for a frame whose header verified but whose body failed its CRC: the header's
   * sequence number and type are trustworthy (they passed the header check), so the link can
   * re-request that reply at once instead of waiting for a timeout.
   */
  onDamaged: ((seq: number, type: number) => void) | null = null;

  constructor(maxPayload = MAX_PAYLOAD) {
    this.maxPayload = maxPayload;
    this.buf = new Uint8Array(256 * 1024);
    this.view = new DataView(this.buf.buffer);
  }

  /** Bytes held that do not yet form a frame. */
  get pending(): number {
    return this.end - this.start;
  }

  /**
   * After push(): the bytes held start with a frame whose header verified and whose body is still
   * arriving. Bytes flowing into such a frame are progress; noise (no verified header) is not.
   */
  get assembling(): boolean {
    return this.inFrame;
  }

  private inFrame = false;

  reset(): void {
    this.start = 0;
    this.end = 0;
    this.inFrame = false;
  }

  push(chunk: Uint8Array): Frame[] {
    this.append(chunk);
    const frames: Frame[] = [];
    const buf = this.buf;
    this.inFrame = false;
    while (this.end - this.start >= HEADER_BYTES) {
      const s = this.start;
      if (buf[s] !== SYNC0 || buf[s + 1] !== SYNC1) {
        const next = buf.indexOf(SYNC0, s + 1);
        const to = next === -1 || next >= this.end ? this.end : next;
        this.stats.garbageBytes += to - s;
        this.start = to;
        continue;
      }
      const hcrc = this.view.getUint16(s + 10, true);
      const length = this.view.getUint32(s + 6, true);
      if (
        buf[s + 2] !== FRAME_VERSION ||
        (crc32(buf.subarray(s, s + 10)) & 0xffff) !== hcrc ||
        length > this.maxPayload
      ) {
        this.stats.badHeaders++;
        this.stats.garbageBytes++;
        this.start = s + 1;
        continue;
      }
      const total = HEADER_BYTES + length + TRAILER_BYTES;
      if (this.end - s < total) {
        this.inFrame = true;
        break;
      }
      const bodyEnd = s + HEADER_BYTES + length;
      if (crc32(buf.subarray(s, bodyEnd)) !== this.view.getUint32(bodyEnd, true)) {
        this.stats.crcErrors++;
        this.stats.garbageBytes++;
        this.start = s + 1;
        this.onDamaged?.(this.view.getUint16(s + 4, true), buf[s + 3]);
        continue;
      }
      frames.push({
        type: buf[s + 3],
        seq: this.view.getUint16(s + 4, true),
        payload: buf.slice(s + HEADER_BYTES, bodyEnd),
        crc: this.view.getUint32(bodyEnd, true),
      });
      this.stats.frames++;
      this.start = s + total;
    }
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
    return frames;
  }

  private append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buf.length) {
      const live = this.end - this.start;
      if (live + chunk.length <= this.buf.length && this.start > 0) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        let size = this.buf.length;
        while (size < live + chunk.length) size *= 2;
        const grown = new Uint8Array(size);
        grown.set(this.buf.subarray(this.start, this.end), 0);
        this.buf = grown;
        this.view = new DataView(grown.buffer);
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }
}
