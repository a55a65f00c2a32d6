/**
 * P1 native binary writer (docs/formats/p1.md): what the Player1 unit stores, used by the unit
 * emulator, the sample data and the benchmarks. Written by hand: it is our own format.
 *
 * GNSS and HR are stored as scaled integers; a value the scale cannot hold is a caller bug and
 * throws a RangeError naming the stream and sample. IMU is stored as float32 g (exact for any
 * 16-bit sensor reading; NaN kept as NaN).
 */
import { crc32 } from 'node:zlib';
import type { GnssStream, HrStream, ImuStream } from './canonical.ts';
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
  DEFAULT_IMU_RANGE_G,
  END_PAYLOAD_BYTES,
  GNSS_COLUMNS,
  H_CRC,
  H_FIRMWARE,
  H_FLAGS,
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
  OFFSET_PER_MS,
  P1_HEADER_BYTES,
  P1_MAGIC,
  P1_VERSION,
  SPEED_PER_MS,
  U16_ABSENT,
  U8_ABSENT,
  pad8,
  payloadBytes,
} from './p1-layout.ts';

export interface P1Input {
  unitId: string;
  firmware?: string;
  /** Recording start, UTC epoch ms. */
  startMs: number;
  gnss: GnssStream | null;
  imu: ImuStream | null;
  hr: HrStream | null;
  /** The accelerometer's configured full-scale range in g, recorded in the header. Default 16. */
  imuRangeG?: number;
  /** Samples per block; defaults keep a block to about 10-20 s of data. */
  blockSamples?: { gnss?: number; imu?: number; hr?: number };
}

const MAX_OFFSET_US = 0xffffffff;

interface Block {
  type: number;
  t: Float64Array;
  from: number;
  to: number;
}

export function encodeP1(input: P1Input): Uint8Array {
  const range = input.imuRangeG ?? DEFAULT_IMU_RANGE_G;
  if (!(Number.isInteger(range) && range >= 1 && range <= 0xffff)) throw new RangeError(`imuRangeG must be an integer 1..65535, got ${range}`);
  if (!Number.isFinite(input.startMs)) throw new RangeError('startMs must be a finite UTC epoch ms');
  const per = input.blockSamples ?? {};
  const blocks: Block[] = [];
  if (input.gnss) blocks.push(...split(BLOCK_GNSS, input.gnss.t, per.gnss ?? 256));
  const imu = input.imu;
  if (imu) blocks.push(...split(BLOCK_IMU, imu.t, per.imu ?? 2048));
  if (input.hr) blocks.push(...split(BLOCK_HR, input.hr.t, per.hr ?? 64));
  // Interleave by time, as a unit flushing buffers would.
  blocks.sort((a, b) => a.t[a.from] - b.t[b.from] || a.type - b.type);

  let size = P1_HEADER_BYTES;
  for (const b of blocks) size += BLOCK_HEADER_BYTES + payloadBytes(columnsOf(b.type), b.to - b.from);
  size += BLOCK_HEADER_BYTES + END_PAYLOAD_BYTES;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);

  // ---- file header
  out.set(P1_MAGIC, 0);
  dv.setUint16(H_VERSION, P1_VERSION, true);
  dv.setUint16(H_HEADER_BYTES, P1_HEADER_BYTES, true);
  dv.setUint16(H_IMU_RANGE_G, range, true);
  dv.setUint16(H_FLAGS, 0, true);
  dv.setFloat64(H_START_MS, input.startMs, true);
  dv.setFloat32(H_GNSS_HZ, nominalHz(input.gnss?.t), true);
  dv.setFloat32(H_IMU_HZ, nominalHz(imu?.t), true);
  dv.setFloat32(H_HR_HZ, nominalHz(input.hr?.t), true);
  writeText(out, H_UNIT_ID, input.unitId, 'unitId');
  writeText(out, H_FIRMWARE, input.firmware ?? '', 'firmware');
  dv.setUint32(H_CRC, crc32(out.subarray(0, H_CRC)), true);

  // ---- blocks
  let p = P1_HEADER_BYTES;
  let seq = 0;
  const counts = [0, 0, 0, 0];
  for (const b of blocks) {
    const n = b.to - b.from;
    const payload = payloadBytes(columnsOf(b.type), n);
    const t0 = b.t[b.from];
    const q = p + BLOCK_HEADER_BYTES;
    let c = q;
    // sample offsets, µs after t0
    for (let i = 0; i < n; i++) dv.setUint32(c + 4 * i, Math.round((b.t[b.from + i] - t0) * OFFSET_PER_MS), true);
    c += pad8(4 * n);
    if (b.type === BLOCK_GNSS) c = writeGnss(dv, c, input.gnss!, b.from, n);
    else if (b.type === BLOCK_IMU) c = writeImu(dv, c, imu!, b.from, n);
    else c = writeHr(dv, c, input.hr!, b.from, n);
    counts[b.type] += n;
    writeBlockHeader(out, dv, p, b.type, n, payload, t0, seq++);
    p = q + payload;
  }
  // ---- end block: totals, so a reader can tell what was lost
  const q = p + BLOCK_HEADER_BYTES;
  dv.setUint32(q, counts[BLOCK_GNSS], true);
  dv.setUint32(q + 4, counts[BLOCK_IMU], true);
  dv.setUint32(q + 8, counts[BLOCK_HR], true);
  dv.setUint32(q + 12, seq, true);
  writeBlockHeader(out, dv, p, BLOCK_END, 0, END_PAYLOAD_BYTES, 0, seq);
  return out;
}

function columnsOf(type: number): readonly number[] {
  return type === BLOCK_GNSS ? GNSS_COLUMNS : type === BLOCK_IMU ? IMU_COLUMNS : HR_COLUMNS;
}

/** Cut a stream into blocks of at most `max` samples whose offsets fit a u32 of µs. */
function split(type: number, t: Float64Array, max: number): Block[] {
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`blockSamples must be a positive integer, got ${max}`);
  const out: Block[] = [];
  let from = 0;
  const n = t.length;
  const name = type === BLOCK_GNSS ? 'gnss' : type === BLOCK_IMU ? 'imu' : 'hr';
  while (from < n) {
    const t0 = t[from];
    if (!Number.isFinite(t0)) throw new RangeError(`${name} sample ${from}: time ${t0} is not a finite UTC ms`);
    let to = from + 1;
    while (to < n && to - from < max) {
      const off = (t[to] - t0) * OFFSET_PER_MS;
      if (!(off >= 0 && off <= MAX_OFFSET_US)) break; // NaN, backwards or too far: new block
      to++;
    }
    out.push({ type, t, from, to });
    from = to;
  }
  return out;
}

function writeBlockHeader(out: Uint8Array, dv: DataView, p: number, type: number, n: number, payload: number, t0: number, seq: number): void {
  dv.setUint32(p + B_SYNC, BLOCK_SYNC, true);
  out[p + B_TYPE] = type;
  out[p + B_LAYOUT] = 1;
  dv.setUint32(p + B_COUNT, n, true);
  dv.setUint32(p + B_PAYLOAD_BYTES, payload, true);
  dv.setFloat64(p + B_T0, t0, true);
  dv.setUint32(p + B_SEQ, seq, true);
  dv.setUint32(p + B_CRC, crc32(out.subarray(p + B_CRC_FROM, p + BLOCK_HEADER_BYTES + payload)), true);
}

function writeGnss(dv: DataView, c: number, g: GnssStream, from: number, n: number): number {
  const col = (v: Float64Array, i: number) => v[from + i];
  for (let i = 0; i < n; i++) dv.setInt32(c + 4 * i, scaleI32(col(g.lat, i), LATLON_PER_DEG, 'gnss lat', from + i, 90), true);
  c += pad8(4 * n);
  for (let i = 0; i < n; i++) dv.setInt32(c + 4 * i, scaleI32(col(g.lon, i), LATLON_PER_DEG, 'gnss lon', from + i, 180), true);
  c += pad8(4 * n);
  for (let i = 0; i < n; i++) dv.setInt32(c + 4 * i, scaleI32(col(g.alt, i), ALT_PER_M, 'gnss alt', from + i, 2e7), true);
  c += pad8(4 * n);
  for (let i = 0; i < n; i++) dv.setUint16(c + 2 * i, scaleU(col(g.speed, i), SPEED_PER_MS, U16_ABSENT, 'gnss speed', from + i), true);
  c += pad8(2 * n);
  for (let i = 0; i < n; i++) dv.setUint8(c + i, scaleU(col(g.hdop, i), HDOP_PER_UNIT, U8_ABSENT, 'gnss hdop', from + i));
  c += pad8(n);
  for (let i = 0; i < n; i++) dv.setUint8(c + i, scaleU(col(g.sats, i), 1, U8_ABSENT, 'gnss sats', from + i));
  return c + pad8(n);
}

function writeImu(dv: DataView, c: number, m: ImuStream, from: number, n: number): number {
  for (const axis of [m.ax, m.ay, m.az]) {
    for (let i = 0; i < n; i++) dv.setFloat32(c + 4 * i, axis[from + i], true);
    c += pad8(4 * n);
  }
  return c;
}

function writeHr(dv: DataView, c: number, h: HrStream, from: number, n: number): number {
  for (let i = 0; i < n; i++) {
    const v = h.bpm[from + i];
    // 0 = the strap lost contact (the canonical stream says NaN)
    const q = Number.isNaN(v) ? 0 : Math.round(v);
    if (!(q >= 0 && q <= 254)) throw new RangeError(`hr sample ${from + i}: ${v} bpm does not fit 0..254`);
    dv.setUint8(c + i, q);
  }
  return c + pad8(n);
}

function scaleI32(v: number, per: number, what: string, i: number, limit: number): number {
  if (Number.isNaN(v)) return I32_ABSENT;
  if (!(Math.abs(v) <= limit)) throw new RangeError(`${what} sample ${i}: ${v} is out of range`);
  return Math.round(v * per);
}

function scaleU(v: number, per: number, absent: number, what: string, i: number): number {
  if (Number.isNaN(v)) return absent;
  const q = Math.round(v * per);
  if (!(q >= 0 && q < absent)) throw new RangeError(`${what} sample ${i}: ${v} does not fit the stored range`);
  return q;
}

function writeText(out: Uint8Array, at: number, s: string, what: string): void {
  const b = new TextEncoder().encode(s);
  if (b.length > H_TEXT_BYTES) throw new RangeError(`${what} '${s}' is longer than ${H_TEXT_BYTES} bytes of UTF-8`);
  out.set(b, at);
}

/** Nominal rate in Hz from the median sample step (0 when there are fewer than 2 samples). */
function nominalHz(t: Float64Array | undefined): number {
  if (!t || t.length < 2) return 0;
  const n = Math.min(t.length - 1, 2001);
  const steps = new Float64Array(n);
  for (let i = 0; i < n; i++) steps[i] = t[i + 1] - t[i];
  steps.sort();
  const med = steps[n >> 1];
  return med > 0 ? Math.round((1000 / med) * 1000) / 1000 : 0;
}
