/**
 * P1 native binary reader (docs/formats/p1.md). Written by hand: it is our own format and the
 * hottest decode path (a squad's files are read on every Process Report), built to run at memory
 * speed: pass 1 walks the block headers and checks each block's CRC32 (node:zlib, native); pass 2
 * makes typed-array views over the column-major payloads and converts them in tight loops.
 *
 * A damaged block is skipped with a warning naming its byte offset and what it held; the reader
 * resynchronises on the next "P1BK" block marker. Only a damaged file header fails the file.
 */
import { crc32 } from 'node:zlib';
import type { GnssStream, HrStream, ImuStream, Problem, Recording } from './canonical.ts';
import { FormatError } from './format-error.ts';
import type { FormatReader, ReadContext } from './reader.ts';
import { inTimeOrder } from './time-order.ts';
import {
  ALT_PER_M,
  B_COUNT,
  B_CRC,
  B_CRC_FROM,
  B_LAYOUT,
  B_PAYLOAD_BYTES,
  B_SEQ,
  B_SYNC,
  B_T0,
  B_TYPE,
  BLOCK_END,
  BLOCK_GNSS,
  BLOCK_HEADER_BYTES,
  BLOCK_HR,
  BLOCK_IMU,
  BLOCK_SYNC,
  END_PAYLOAD_BYTES,
  GNSS_COLUMNS,
  H_CRC,
  H_FIRMWARE,
  H_GNSS_HZ,
  H_HEADER_BYTES,
  H_HR_HZ,
  H_IMU_HZ,
  H_IMU_RANGE_G,
  H_START_MS,
  H_TEXT_BYTES,
  H_UNIT_ID,
  H_VERSION,
  HDOP_PER_UNIT,
  HR_COLUMNS,
  I32_ABSENT,
  IMU_COLUMNS,
  LATLON_PER_DEG,
  P1_HEADER_BYTES,
  P1_MAGIC,
  P1_VERSION,
  SPEED_PER_MS,
  U16_ABSENT,
  U8_ABSENT,
  pad8,
  payloadBytes,
} from './p1-layout.ts';

/** A block may hold at most this many samples (keeps resynchronisation linear-time). */
export const P1_MAX_BLOCK_SAMPLES = 65535;
const MAX_LISTED_PROBLEMS = 50;
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export interface P1Header {
  version: number;
  headerBytes: number;
  imuRangeG: number;
  startMs: number;
  gnssHz: number;
  imuHz: number;
  hrHz: number;
  unitId: string;
  firmware: string;
}

interface BlockRef {
  type: number;
  at: number; // byte offset of the block header
  n: number;
  t0: number;
}

export function isP1(head: Uint8Array): boolean {
  if (head.length < P1_MAGIC.length) return false;
  for (let i = 0; i < P1_MAGIC.length; i++) if (head[i] !== P1_MAGIC[i]) return false;
  return true;
}

export function readP1Header(bytes: Uint8Array, file: string): P1Header {
  if (!isP1(bytes)) throw new FormatError('P1_HEADER', file, 'not a P1 file (the magic bytes are missing)', { offset: 0 });
  if (bytes.length < P1_HEADER_BYTES) {
    throw new FormatError('P1_TRUNCATED', file, `the file is ${bytes.length} bytes, shorter than the ${P1_HEADER_BYTES}-byte header`, { offset: bytes.length });
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint16(H_VERSION, true);
  if (version !== P1_VERSION) {
    throw new FormatError('P1_VERSION', file, `P1 format version ${version} is not supported (this app reads version ${P1_VERSION}); update the app`, { offset: H_VERSION });
  }
  const stored = dv.getUint32(H_CRC, true);
  const actual = crc32(bytes.subarray(0, H_CRC));
  if (stored !== actual) {
    throw new FormatError('P1_HEADER', file, `the file header is damaged (CRC ${hex(actual)}, expected ${hex(stored)}): unit id and start time cannot be trusted`, { offset: 0 });
  }
  const headerBytes = dv.getUint16(H_HEADER_BYTES, true);
  const imuRangeG = dv.getUint16(H_IMU_RANGE_G, true);
  if (headerBytes < P1_HEADER_BYTES || headerBytes % 8 !== 0) {
    throw new FormatError('P1_HEADER', file, `inconsistent header (header size ${headerBytes})`, { offset: H_HEADER_BYTES });
  }
  return {
    version,
    headerBytes,
    imuRangeG,
    startMs: dv.getFloat64(H_START_MS, true),
    gnssHz: dv.getFloat32(H_GNSS_HZ, true),
    imuHz: dv.getFloat32(H_IMU_HZ, true),
    hrHz: dv.getFloat32(H_HR_HZ, true),
    unitId: text(bytes, H_UNIT_ID),
    firmware: text(bytes, H_FIRMWARE),
  };
}

export function decodeP1(bytes: Uint8Array, file: string): Recording {
  if (!LITTLE_ENDIAN_HOST) throw new Error('P1 decoding needs a little-endian host');
  const header = readP1Header(bytes, file);
  // Typed-array views need the columns aligned in memory; columns are 8-aligned within the file.
  if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes); // a copy (Buffer#slice would share memory)
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const problems: Problem[] = [];
  const len = bytes.length;

  // ---- pass 1: find the good blocks
  const blocks: BlockRef[] = [];
  const total = [0, 0, 0, 0];
  let endTotals: number[] | null = null;
  let damaged = 0;
  let listed = 0;
  let p = header.headerBytes;
  let lastSeq = -1;
  let afterDamage = false;
  while (p < len) {
    const v = checkBlock(bytes, dv, p);
    if (v.ok) {
      const seq = dv.getUint32(p + B_SEQ, true);
      if (v.type === BLOCK_END) {
        endTotals = [0, dv.getUint32(v.payloadAt, true), dv.getUint32(v.payloadAt + 4, true), dv.getUint32(v.payloadAt + 8, true)];
        const after = v.next;
        if (after < len) {
          problems.push({ severity: 'warning', code: 'P1_TRAILING', message: `${len - after} byte(s) after the end marker were ignored`, file, offset: after });
        }
        break;
      }
      if (seq !== lastSeq + 1 && !afterDamage) {
        // A gap in sequence numbers with no damage seen means blocks were cut out of the file.
        problems.push({ severity: 'warning', code: 'P1_BLOCK_GAP', message: `block sequence jumps from ${lastSeq} to ${seq}: ${seq - lastSeq - 1} block(s) are missing`, file, offset: p });
      }
      lastSeq = seq;
      afterDamage = false;
      if (v.n > 0) {
        blocks.push({ type: v.type, at: p, n: v.n, t0: v.t0 });
        total[v.type] += v.n;
      }
      p = v.next;
      continue;
    }
    // Damaged or cut: resynchronise on the next block marker that checks out. A block claiming to
    // run past the end is the end of a cut file only if no good block follows it (a damaged
    // length field would otherwise throw away the rest of the file).
    const q = resync(bytes, dv, p + 8);
    if (v.truncated && q >= len) {
      problems.push({ severity: 'warning', code: 'P1_TRUNCATED', message: `the file ends inside a block (${v.reason}): the unit stopped writing; every complete block before it was read`, file, offset: p });
      p = len;
      break;
    }
    damaged++;
    afterDamage = true;
    if (listed < MAX_LISTED_PROBLEMS) {
      listed++;
      problems.push({ severity: 'warning', code: 'P1_BAD_BLOCK', message: `damaged block (${v.reason}); ${q - p} byte(s) skipped${describe(v)}`, file, offset: p });
    }
    p = q;
  }
  if (damaged > listed) {
    problems.push({ severity: 'warning', code: 'P1_BAD_BLOCK', message: `${damaged - listed} more damaged block(s) were skipped`, file, count: damaged - listed });
  }
  if (endTotals === null && p >= len) {
    problems.push({ severity: 'warning', code: 'P1_NO_END', message: 'the file has no end marker: the unit stopped writing before closing it (power loss or unplugged?); every complete block was read', file, offset: len });
  }
  if (endTotals) {
    const names = ['', 'GNSS', 'IMU', 'HR'];
    for (const k of [BLOCK_GNSS, BLOCK_IMU, BLOCK_HR]) {
      if (endTotals[k] !== total[k]) {
        problems.push({ severity: 'warning', code: 'P1_LOST_SAMPLES', message: `the unit wrote ${endTotals[k]} ${names[k]} samples, ${total[k]} could be read`, file, count: endTotals[k] - total[k] });
      }
    }
  }

  // ---- pass 2: convert
  const gnss = total[BLOCK_GNSS] > 0 ? allocGnss(total[BLOCK_GNSS]) : null;
  const imu = total[BLOCK_IMU] > 0 ? allocImu(total[BLOCK_IMU]) : null;
  const hr = total[BLOCK_HR] > 0 ? allocHr(total[BLOCK_HR]) : null;
  const fill = [0, 0, 0, 0];
  // Times must strictly increase per stream; tracked here so the usual check runs only on need.
  const last = [-Infinity, -Infinity, -Infinity, -Infinity];
  const sorted = [true, true, true, true];
  const v = views(bytes);
  for (const b of blocks) {
    const at = b.at + BLOCK_HEADER_BYTES; // 8-aligned in the file, and the file is 8-aligned in memory
    const k = fill[b.type];
    let ok: boolean;
    if (b.type === BLOCK_IMU) ok = imuBlock(imu!, k, v, at, b.n, b.t0, last[b.type]);
    else if (b.type === BLOCK_GNSS) ok = gnssBlock(gnss!, k, v, at, b.n, b.t0, last[b.type]);
    else ok = hrBlock(hr!, k, v, at, b.n, b.t0, last[b.type]);
    const t = b.type === BLOCK_IMU ? imu!.t : b.type === BLOCK_GNSS ? gnss!.t : hr!.t;
    if (!ok) sorted[b.type] = false;
    last[b.type] = t[k + b.n - 1];
    fill[b.type] = k + b.n;
  }
  // Every output element must have been written: the columns come from unzeroed memory.
  for (const k of [BLOCK_GNSS, BLOCK_IMU, BLOCK_HR]) if (fill[k] !== total[k]) throw new Error(`P1 decoder bug: filled ${fill[k]} of ${total[k]}`);

  if (!gnss && !imu && !hr) {
    const why = damaged > 0 ? `all ${damaged} data block(s) are damaged` : 'the unit recorded no samples';
    throw new FormatError('NO_DATA', file, `no samples: ${why}`, { offset: header.headerBytes });
  }
  const info: Record<string, string> = { 'P1 version': String(header.version), 'IMU range': `±${header.imuRangeG} g` };
  if (header.firmware) info.firmware = header.firmware;
  info['recording start'] = Number.isFinite(header.startMs) ? new Date(header.startMs).toISOString() : String(header.startMs);
  return {
    format: 'p1',
    source: file,
    unitId: header.unitId || null,
    gnss: gnss && !sorted[BLOCK_GNSS] ? inTimeOrder(gnss, file, 'GNSS', problems) : gnss,
    imu: imu && !sorted[BLOCK_IMU] ? inTimeOrder(imu, file, 'IMU', problems) : imu,
    hr: hr && !sorted[BLOCK_HR] ? inTimeOrder(hr, file, 'HR', problems) : hr,
    problems,
    device: {
      info,
      sessions: [],
      laps: [],
      counts: { 'GNSS samples': total[BLOCK_GNSS], 'IMU samples': total[BLOCK_IMU], 'HR samples': total[BLOCK_HR], 'data blocks': blocks.length },
    },
  };
}

export const p1Reader: FormatReader = {
  id: 'p1',
  label: 'Player1 unit binary (P1)',
  extensions: ['p1'],
  sniff: (head) => (isP1(head) ? 1 : 0),
  read: (bytes: Uint8Array, ctx: ReadContext) => decodeP1(bytes, ctx.file),
};

// ---------------------------------------------------------------------------------------------

type BlockCheck =
  | { ok: true; type: number; n: number; t0: number; payloadAt: number; next: number }
  | { ok: false; truncated: boolean; reason: string; type?: number; n?: number; t0?: number };

function checkBlock(bytes: Uint8Array, dv: DataView, p: number): BlockCheck {
  const len = bytes.length;
  if (p + BLOCK_HEADER_BYTES > len) return { ok: false, truncated: true, reason: `${len - p} of ${BLOCK_HEADER_BYTES} header bytes` };
  if (dv.getUint32(p + B_SYNC, true) !== BLOCK_SYNC) return { ok: false, truncated: false, reason: 'no block marker' };
  const type = bytes[p + B_TYPE];
  const n = dv.getUint32(p + B_COUNT, true);
  const payload = dv.getUint32(p + B_PAYLOAD_BYTES, true);
  const t0 = dv.getFloat64(p + B_T0, true);
  const cols = type === BLOCK_GNSS ? GNSS_COLUMNS : type === BLOCK_IMU ? IMU_COLUMNS : type === BLOCK_HR ? HR_COLUMNS : null;
  const expected = cols ? payloadBytes(cols, n) : type === BLOCK_END && n === 0 ? END_PAYLOAD_BYTES : -1;
  if (bytes[p + B_LAYOUT] !== 1 || expected < 0 || n > P1_MAX_BLOCK_SAMPLES || payload !== expected || !Number.isFinite(t0)) {
    return { ok: false, truncated: false, reason: `inconsistent block header (type ${type}, ${n} samples, ${payload} bytes)` };
  }
  const payloadAt = p + BLOCK_HEADER_BYTES;
  const next = payloadAt + payload;
  if (next > len) return { ok: false, truncated: true, reason: `${len - payloadAt} of ${payload} payload bytes`, type, n, t0 };
  const crc = crc32(bytes.subarray(p + B_CRC_FROM, next));
  if (crc !== dv.getUint32(p + B_CRC, true)) return { ok: false, truncated: false, reason: 'CRC mismatch', type, n, t0 };
  return { ok: true, type, n, t0, payloadAt, next };
}

/** The next 8-aligned offset after `from` where a complete, CRC-valid block (or the end) starts. */
function resync(bytes: Uint8Array, dv: DataView, from: number): number {
  const len = bytes.length;
  for (let q = pad8(from); q + 4 <= len; q += 8) {
    if (dv.getUint32(q, true) !== BLOCK_SYNC) continue;
    const v = checkBlock(bytes, dv, q);
    if (v.ok || v.truncated) return q;
  }
  return len;
}

function describe(v: { type?: number; n?: number; t0?: number }): string {
  if (v.type == null || v.n == null || v.t0 == null) return '';
  const what = v.type === BLOCK_GNSS ? 'GNSS' : v.type === BLOCK_IMU ? 'IMU' : v.type === BLOCK_HR ? 'HR' : null;
  if (!what) return '';
  const when = Number.isFinite(v.t0) && Math.abs(v.t0) < 8.64e15 ? ` from ${new Date(v.t0).toISOString()}` : '';
  return `; it said it held ${v.n} ${what} samples${when}`;
}

// Hot loops, kept small and monomorphic so V8 optimises each on its own. They index whole-file
// typed-array views (made once per file: a view per block costs more than a block's loop).
// Offsets are µs: times are t0 + off * 0.001, which is exact whenever the true result is a whole
// millisecond (the error of the double 0.001, 2e-20, is far below half an ulp of any product up to
// 2^32).

interface Views {
  u8: Uint8Array;
  u16: Uint16Array;
  f32: Float32Array;
  u32: Uint32Array;
  i32: Int32Array;
}

function views(bytes: Uint8Array): Views {
  const buf = bytes.buffer;
  const o = bytes.byteOffset;
  const len = bytes.byteLength;
  return {
    u8: bytes,
    u16: new Uint16Array(buf, o, len >> 1),
    f32: new Float32Array(buf, o, len >> 2),
    u32: new Uint32Array(buf, o, len >> 2),
    i32: new Int32Array(buf, o, len >> 2),
  };
}

// Each returns whether its times strictly increase, starting above `prev`. Offsets that strictly
// increase give strictly increasing times while one µs exceeds the double spacing at t0 (true for
// any t0 below 2^42 ms, the year 2109); beyond that the caller's full check runs.

function offsetsToTimes(t: Float64Array, k: number, u32: Uint32Array, from: number, t0: number, n: number, prev: number): boolean {
  let bad = 0;
  let po = -1;
  for (let i = 0; i < n; i++) {
    const o = u32[from + i];
    t[k + i] = t0 + o * 0.001;
    bad += o > po ? 0 : 1;
    po = o;
  }
  return bad === 0 && t[k] > prev && Math.abs(t0) < 2 ** 42;
}

/** IMU axes are float32 g: a native typed-array copy widens them to float64, no JS loop. */
function imuBlock(m: ImuStream, k: number, v: Views, at: number, n: number, t0: number, prev: number): boolean {
  const ok = offsetsToTimes(m.t, k, v.u32, at >> 2, t0, n, prev);
  const col = pad8(4 * n) >> 2; // in float32 elements
  const c = (at + pad8(4 * n)) >> 2;
  m.ax.set(v.f32.subarray(c, c + n), k);
  m.ay.set(v.f32.subarray(c + col, c + col + n), k);
  m.az.set(v.f32.subarray(c + 2 * col, c + 2 * col + n), k);
  return ok;
}

function gnssBlock(g: GnssStream, k: number, v: Views, at: number, n: number, t0: number, prev: number): boolean {
  const ok = offsetsToTimes(g.t, k, v.u32, at >> 2, t0, n, prev);
  let c = at + pad8(4 * n);
  i32Column(v.i32, c >> 2, n, g.lat, k, LATLON_PER_DEG);
  c += pad8(4 * n);
  i32Column(v.i32, c >> 2, n, g.lon, k, LATLON_PER_DEG);
  c += pad8(4 * n);
  i32Column(v.i32, c >> 2, n, g.alt, k, ALT_PER_M);
  c += pad8(4 * n);
  u16Column(v.u16, c >> 1, n, g.speed, k, SPEED_PER_MS, U16_ABSENT);
  c += pad8(2 * n);
  u8Column(v.u8, c, n, g.hdop, k, HDOP_PER_UNIT, U8_ABSENT);
  c += pad8(n);
  u8Column(v.u8, c, n, g.sats, k, 1, U8_ABSENT);
  return ok;
}

function hrBlock(h: HrStream, k: number, v: Views, at: number, n: number, t0: number, prev: number): boolean {
  const ok = offsetsToTimes(h.t, k, v.u32, at >> 2, t0, n, prev);
  u8Column(v.u8, at + pad8(4 * n), n, h.bpm, k, 1, 0); // 0 = strap contact lost
  return ok;
}

// The "absent" sentinels are rare: convert everything in a branch-free loop, note whether a
// sentinel was seen, and only then patch NaNs in (a ternary producing NaN in the hot loop runs
// three times slower in V8). lat/lon/alt use division (not * 1e-7) so a value equals parseFloat
// of its decimal text.

function i32Column(src: Int32Array, from: number, n: number, dst: Float64Array, k: number, per: number): void {
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const q = src[from + i];
    dst[k + i] = q / per;
    seen |= q === I32_ABSENT ? 1 : 0;
  }
  if (seen) for (let i = 0; i < n; i++) if (src[from + i] === I32_ABSENT) dst[k + i] = NaN;
}

function u16Column(src: Uint16Array, from: number, n: number, dst: Float64Array, k: number, per: number, absent: number): void {
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const q = src[from + i];
    dst[k + i] = q / per;
    seen |= q === absent ? 1 : 0;
  }
  if (seen) for (let i = 0; i < n; i++) if (src[from + i] === absent) dst[k + i] = NaN;
}

function u8Column(src: Uint8Array, from: number, n: number, dst: Float64Array, k: number, per: number, absent: number): void {
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const q = src[from + i];
    dst[k + i] = q / per;
    seen |= q === absent ? 1 : 0;
  }
  if (seen) for (let i = 0; i < n; i++) if (src[from + i] === absent) dst[k + i] = NaN;
}

/**
 * `k` Float64Array columns of `n` elements sharing one unzeroed backing store. Zeroing 17 MB of
 * output for a 90-minute IMU stream costs as much as decoding it; pass 2 writes every element
 * (checked after the loop), so nothing stale can show through.
 */
function columns(n: number, k: number): Float64Array[] {
  const raw = Buffer.allocUnsafeSlow(n * 8 * k);
  const out: Float64Array[] = [];
  for (let j = 0; j < k; j++) out.push(new Float64Array(raw.buffer, raw.byteOffset + j * n * 8, n));
  return out;
}

function allocGnss(n: number): GnssStream {
  const [t, lat, lon, speed, hdop, sats, alt] = columns(n, 7);
  return { t, lat, lon, speed, hdop, sats, alt };
}

function allocImu(n: number): ImuStream {
  const [t, ax, ay, az] = columns(n, 4);
  return { t, ax, ay, az };
}

function allocHr(n: number): HrStream {
  const [t, bpm] = columns(n, 2);
  return { t, bpm };
}

function text(bytes: Uint8Array, at: number): string {
  let end = at;
  while (end < at + H_TEXT_BYTES && bytes[end] !== 0) end++;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(at, end));
}

function hex(v: number): string {
  return `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
}
