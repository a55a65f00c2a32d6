/**
 * FIT container checks done before the @garmin/fitsdk Decoder sees the bytes. Written by hand
 * because the SDK (21.217) cannot do three things the product needs:
 *  - tell which of several chained FIT files is bad and keep the good ones (it throws for the
 *    whole stream, with no boundary);
 *  - decode compressed-timestamp record headers (it throws "not currently supported"); they are
 *    rewritten here into ordinary data messages carrying an explicit timestamp field;
 *  - say exactly what is wrong and where (header, length, CRC, a message cut short) by offset.
 * The walker only reads record headers and definitions (it never interprets field values), so it
 * is linear in the file size.
 */
import { fitSdk } from './lazy-deps.ts';

export type FitFault = 'FIT_HEADER' | 'FIT_TRUNCATED' | 'FIT_CRC' | 'NO_DATA' | 'FIT_STRUCTURE';

export interface FitSegment {
  /** Byte offset of this FIT file's header in the whole buffer. */
  offset: number;
  /** A standalone, valid FIT file (header + data + CRC) for the SDK; null when nothing is usable. */
  bytes: Uint8Array | null;
  /** Complete data messages found by the walk. */
  messages: number;
  /**
   * What is wrong with this file, if anything; `at` is an absolute byte offset. A fault with
   * `bytes` means the data was kept anyway (only with ignoreChecksums).
   */
  fault: { code: FitFault; message: string; at: number } | null;
  compressedTimestamps: number;
}

export const FIT_EPOCH_S = 631065600; // 1989-12-31T00:00:00Z in unix seconds

/** Bytes per value of each FIT base type (low 5 bits of the base type byte). */
const BASE_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 1, 8: 4, 9: 8, 10: 1, 11: 2, 12: 4, 13: 1, 14: 8, 15: 8, 16: 8 };

interface Def {
  bytes: Uint8Array; // the definition record as found
  size: number; // data content bytes (normal + developer fields)
  normalSize: number;
  littleEndian: boolean;
  tsOffset: number; // offset of field 253 (uint32) in the content, -1 if none
}

export function isFitHeader(b: Uint8Array, p = 0): boolean {
  return b.length - p >= 12 && (b[p] === 12 || b[p] === 14) && b[p + 8] === 0x2e && b[p + 9] === 0x46 && b[p + 10] === 0x49 && b[p + 11] === 0x54;
}

/** Split a buffer into its chained FIT files and check each. Stops at the first unusable header. */
export function walkFit(buf: Uint8Array, lenient: boolean): FitSegment[] {
  const out: FitSegment[] = [];
  let p = 0;
  do {
    const seg = walkOne(buf, p, lenient);
    out.push(seg);
    if (seg.fault?.code === 'FIT_HEADER') break; // nothing after it can be located
    const end = p + buf[p] + dataSizeAt(buf, p) + 2;
    if (end > buf.length) break; // truncated: this was the last one
    p = end;
  } while (p < buf.length);
  return out;
}

function dataSizeAt(b: Uint8Array, p: number): number {
  return (b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24)) >>> 0;
}

function walkOne(buf: Uint8Array, p: number, lenient: boolean): FitSegment {
  const seg = (fault: FitSegment['fault'], bytes: Uint8Array | null = null, messages = 0, compressed = 0): FitSegment => ({
    offset: p,
    bytes,
    messages,
    fault,
    compressedTimestamps: compressed,
  });
  if (!isFitHeader(buf, p)) {
    const what = buf.length - p < 12 ? `only ${buf.length - p} byte(s) where a 12- or 14-byte header should be` : buf[p] !== 12 && buf[p] !== 14 ? `header size byte is ${buf[p]} (12 or 14 expected)` : 'the ".FIT" signature is missing';
    return seg({ code: 'FIT_HEADER', message: `bad FIT file header: ${what}`, at: p });
  }
  const hs = buf[p];
  const dataSize = dataSizeAt(buf, p);
  if (buf.length - p < hs) {
    return seg({ code: 'FIT_TRUNCATED', message: `the file ends inside its ${hs}-byte header`, at: buf.length });
  }
  if (hs === 14) {
    const hcrc = buf[p + 12] | (buf[p + 13] << 8);
    if (hcrc !== 0 && hcrc !== fitSdk().CrcCalculator.calculateCRC(buf, p, p + 12)) {
      return seg({ code: 'FIT_HEADER', message: 'the FIT file header is damaged (header CRC mismatch)', at: p });
    }
  }
  const dataStart = p + hs;
  const dataEnd = dataStart + dataSize;
  const available = Math.min(dataEnd, buf.length);
  const walk = walkRecords(buf, dataStart, available);

  let fault: FitSegment['fault'] = null;
  if (dataEnd + 2 > buf.length) {
    // (dataStart <= buf.length here: the header is complete)
    fault =
      walk.messages === 0
        ? { code: 'NO_DATA', message: `the FIT file's data is missing: its header announces ${dataSize} bytes, ${Math.max(0, buf.length - dataStart)} are there and hold no complete message`, at: dataStart }
        : { code: 'FIT_TRUNCATED', message: `the file is cut short: its header announces ${dataSize} data bytes plus CRC, only ${Math.max(0, buf.length - dataStart)} bytes are there (the unit stopped writing or the copy was interrupted)`, at: buf.length };
  } else {
    const stored = buf[dataEnd] | (buf[dataEnd + 1] << 8);
    const actual = fitSdk().CrcCalculator.calculateCRC(buf, p, dataEnd);
    if (stored !== actual) {
      fault = { code: 'FIT_CRC', message: `the file CRC does not match (stored 0x${hex4(stored)}, computed 0x${hex4(actual)}): the file is damaged or was not finished${walk.stop ? `; ${walk.stop.message}` : ''}`, at: dataEnd };
    } else if (walk.stop) {
      fault = { code: 'FIT_STRUCTURE', message: walk.stop.message, at: walk.stop.at };
    } else if (walk.messages === 0) {
      fault = { code: 'NO_DATA', message: 'the FIT file holds no data messages', at: dataStart };
    }
  }
  const usable = !fault || (lenient && walk.messages > 0 && fault.code !== 'FIT_HEADER' && fault.code !== 'NO_DATA');
  if (!usable) return seg(fault, null, walk.messages, walk.compressed);
  const clean = !fault && walk.compressed === 0;
  const bytes = clean ? buf.subarray(p, dataEnd + 2) : rebuild(buf, p, walk);
  return seg(fault, bytes, walk.messages, walk.compressed);
}

interface Walk {
  messages: number;
  compressed: number;
  /** End of the last complete record. */
  end: number;
  /** Why the walk stopped early (a record cut short or undefined), if it did. */
  stop: { message: string; at: number } | null;
  /** Records as [start, end) pairs, with rewritten bytes for compressed-timestamp ones. */
  parts: (Uint8Array | [number, number])[];
}

function walkRecords(b: Uint8Array, start: number, end: number): Walk {
  const defs: (Def | null)[] = new Array(16).fill(null);
  // What the rebuilt stream has currently defined for each local type: the original or the +timestamp variant.
  const active: ('orig' | 'ts' | null)[] = new Array(16).fill(null);
  const w: Walk = { messages: 0, compressed: 0, end: start, stop: null, parts: [] };
  let lastTs = -1;
  let p = start;
  while (p < end) {
    const h = b[p];
    if ((h & 0x80) !== 0) {
      // compressed timestamp data message
      const local = (h >> 5) & 3;
      const def = defs[local];
      if (!def) return stop(w, `a compressed-timestamp message uses local type ${local}, which was never defined`, p);
      if (p + 1 + def.size > end) return stop(w, `a message is cut short at the end of the data (needs ${1 + def.size} bytes, ${end - p} left)`, p);
      const off = h & 0x1f;
      if (lastTs < 0) return stop(w, 'a compressed-timestamp message comes before any full timestamp', p);
      let ts = (lastTs & ~0x1f) + off;
      if (off < (lastTs & 0x1f)) ts += 0x20;
      lastTs = ts >>> 0;
      const content = b.subarray(p + 1, p + 1 + def.size);
      if (def.tsOffset >= 0) {
        if (active[local] !== 'orig') w.parts.push(def.bytes);
        active[local] = 'orig';
        const rec = new Uint8Array(1 + def.size);
        rec[0] = local;
        rec.set(content, 1);
        writeU32(rec, 1 + def.tsOffset, lastTs, def.littleEndian);
        w.parts.push(rec);
      } else {
        if (active[local] !== 'ts') w.parts.push(withTimestampField(def));
        active[local] = 'ts';
        const rec = new Uint8Array(1 + def.size + 4);
        rec[0] = local;
        rec.set(content.subarray(0, def.normalSize), 1);
        writeU32(rec, 1 + def.normalSize, lastTs, def.littleEndian);
        rec.set(content.subarray(def.normalSize), 1 + def.normalSize + 4);
        w.parts.push(rec);
      }
      w.compressed++;
      w.messages++;
      p += 1 + def.size;
      w.end = p;
      continue;
    }
    const local = h & 0x0f;
    if ((h & 0x40) !== 0) {
      // definition message
      if (p + 6 > end) return stop(w, 'a message definition is cut short at the end of the data', p);
      const nf = b[p + 5];
      let q = p + 6 + 3 * nf;
      const dev = (h & 0x20) !== 0;
      if (q + (dev ? 1 : 0) > end) return stop(w, 'a message definition is cut short at the end of the data', p);
      let normalSize = 0;
      let tsOffset = -1;
      const littleEndian = b[p + 2] === 0;
      for (let i = 0; i < nf; i++) {
        const num = b[p + 6 + 3 * i];
        const size = b[p + 7 + 3 * i];
        const base = b[p + 8 + 3 * i] & 0x1f;
        if (!(base in BASE_SIZE)) return stop(w, `a message definition uses an unknown base type (${base})`, p);
        if (num === 253 && size === 4) tsOffset = normalSize;
        normalSize += size;
      }
      let size = normalSize;
      if (dev) {
        const nd = b[q];
        q += 1;
        if (q + 3 * nd > end) return stop(w, 'a message definition is cut short at the end of the data', p);
        for (let i = 0; i < nd; i++) size += b[q + 3 * i + 1];
        q += 3 * nd;
      }
      defs[local] = { bytes: b.subarray(p, q), size, normalSize, littleEndian, tsOffset };
      active[local] = 'orig';
      w.parts.push([p, q]);
      p = q;
      w.end = p;
      continue;
    }
    // normal data message
    const def = defs[local];
    if (!def) return stop(w, `a data message uses local type ${local}, which was never defined`, p);
    if (p + 1 + def.size > end) return stop(w, `a message is cut short at the end of the data (needs ${1 + def.size} bytes, ${end - p} left)`, p);
    if (active[local] !== 'orig') w.parts.push(def.bytes);
    active[local] = 'orig';
    if (def.tsOffset >= 0) {
      const v = readU32(b, p + 1 + def.tsOffset, def.littleEndian);
      if (v !== 0xffffffff) lastTs = v;
    }
    w.parts.push([p, p + 1 + def.size]);
    w.messages++;
    p += 1 + def.size;
    w.end = p;
  }
  return w;
}

function stop(w: Walk, message: string, at: number): Walk {
  w.stop = { message, at };
  return w;
}

/** The definition with a uint32 timestamp (field 253) appended after its normal fields. */
function withTimestampField(def: Def): Uint8Array {
  const d = def.bytes;
  const nf = d[5];
  const normalEnd = 6 + 3 * nf;
  const out = new Uint8Array(d.length + 3);
  out.set(d.subarray(0, normalEnd), 0);
  out[5] = nf + 1;
  out[normalEnd] = 253;
  out[normalEnd + 1] = 4;
  out[normalEnd + 2] = 0x86; // uint32
  out.set(d.subarray(normalEnd), normalEnd + 3);
  return out;
}

/** A standalone FIT file from the walked records: fresh header (12 bytes), data size and CRC. */
function rebuild(buf: Uint8Array, p: number, w: Walk): Uint8Array {
  let size = 0;
  for (const part of w.parts) size += part instanceof Uint8Array ? part.length : part[1] - part[0];
  const out = new Uint8Array(12 + size + 2);
  out.set(buf.subarray(p, p + 12), 0);
  out[0] = 12;
  out[4] = size & 0xff;
  out[5] = (size >>> 8) & 0xff;
  out[6] = (size >>> 16) & 0xff;
  out[7] = (size >>> 24) & 0xff;
  let q = 12;
  for (const part of w.parts) {
    if (part instanceof Uint8Array) {
      out.set(part, q);
      q += part.length;
    } else {
      out.set(buf.subarray(part[0], part[1]), q);
      q += part[1] - part[0];
    }
  }
  const crc = fitSdk().CrcCalculator.calculateCRC(out, 0, q);
  out[q] = crc & 0xff;
  out[q + 1] = crc >> 8;
  return out;
}

function readU32(b: Uint8Array, p: number, le: boolean): number {
  return le ? (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0 : ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}

function writeU32(b: Uint8Array, p: number, v: number, le: boolean): void {
  if (le) {
    b[p] = v & 0xff;
    b[p + 1] = (v >>> 8) & 0xff;
    b[p + 2] = (v >>> 16) & 0xff;
    b[p + 3] = (v >>> 24) & 0xff;
  } else {
    b[p] = (v >>> 24) & 0xff;
    b[p + 1] = (v >>> 16) & 0xff;
    b[p + 2] = (v >>> 8) & 0xff;
    b[p + 3] = v & 0xff;
  }
}

function hex4(v: number): string {
  return v.toString(16).toUpperCase().padStart(4, '0');
}
