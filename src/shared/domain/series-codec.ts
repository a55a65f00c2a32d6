/**
 * The report's timeline series in binary: every player's stored 1 s series (speed, heart rate,
 * PlayerLoad per bin), packed small so a 90-minute session of 25 players fits in the report at full
 * resolution (docs/formats/report-series.md). The core packs and gzips it (html-report.ts), the
 * report viewer un-gzips and unpacks it; pure code, no Node and no DOM.
 *
 * Values are quantised to what the timeline can show: speed to 0.01 m/s, heart rate to 1 bpm,
 * PlayerLoad to 0.001 au per bin. Each stream is stored as differences from the previous value,
 * modulo the stream's word (so a null, the word's largest value, round-trips exactly), low bytes
 * then high bytes: the differences of a smooth trace are small, and gzip then finds long runs.
 */
import type { ChartSeries } from './player-result.ts';

/** "P1S" + version 1. */
const MAGIC = [0x50, 0x31, 0x53, 0x01] as const;
export const SERIES_SCALE = { speedMs: 100, hrBpm: 1, playerLoad: 1000 } as const;

export interface PlayerSeries {
  playerId: string;
  series: ChartSeries;
}


class Writer {
  private buf: Uint8Array;
  private n = 0;
  constructor(size = 1 << 16) {
    this.buf = new Uint8Array(size);
  }
  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }
  bytes(b: ArrayLike<number>): void {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  u8(v: number): void {
    this.bytes([v & 0xff]);
  }
  u32(v: number): void {
    this.bytes([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);
  }
  f64(v: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.bytes(b);
  }
  /**
   * The first n values of a stream (missing ones null), each rounded to a `width`-byte word of
   * 1/scale steps (clamped; null or not finite: the word's largest value), as differences
   * (mod 2^(8·width)), low bytes first, then high bytes. One pass, straight into the buffer: the
   * report is written on Process Report's critical path.
   */
  quantisedDeltas(v: readonly (number | null)[], n: number, scale: number, width: 1 | 2): void {
    const mod = width === 1 ? 0x100 : 0x10000;
    const nullWord = mod - 1;
    this.room(n * width);
    const buf = this.buf;
    const lo = this.n;
    const hi = lo + n;
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      const word = x == null || !Number.isFinite(x) ? nullWord : Math.min(nullWord - 1, Math.max(0, Math.round(x * scale)));
      const d = (word - prev + mod) % mod;
      prev = word;
      buf[lo + i] = d & 0xff;
      if (width === 2) buf[hi + i] = d >>> 8;
    }
    this.n += n * width;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

/**
 * One player's record of the packed series (what follows the header for that player): made where
 * the series is computed (the pool thread that processed the unit) and stored as it is, so that the
 * report and the session page join records instead of parsing and packing series again.
 */
export function packPlayerSeries({ playerId, series: s }: PlayerSeries): Uint8Array {
  const w = new Writer(s.speedMs.length * 5 + playerId.length * 3 + 64);
  const id = new TextEncoder().encode(playerId);
  w.u32(id.length);
  w.bytes(id);
  const n = s.speedMs.length;
  w.f64(s.startMs);
  w.f64(s.stepS);
  w.u32(n);
  w.u8((s.hrBpm ? 1 : 0) | (s.playerLoad ? 2 : 0));
  // A stream shorter or longer than speed's is cut or padded with nulls to its length.
  w.quantisedDeltas(s.speedMs, n, SERIES_SCALE.speedMs, 2);
  if (s.hrBpm) w.quantisedDeltas(s.hrBpm, n, SERIES_SCALE.hrBpm, 1);
  if (s.playerLoad) w.quantisedDeltas(s.playerLoad, n, SERIES_SCALE.playerLoad, 2);
  return w.done();
}

/** The packed series of these players' records (packPlayerSeries), as packSeries writes it. */
export function joinPackedSeries(records: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(MAGIC.length + 4 + records.reduce((a, r) => a + r.length, 0));
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, records.length, true);
  let at = MAGIC.length + 4;
  for (const r of records) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

/** A record packPlayerSeries made, read back (its player id and series); throws on anything else. */
export function unpackPlayerSeries(record: Uint8Array): PlayerSeries {
  const [p, ...more] = unpackSeries(joinPackedSeries([record]));
  if (!p || more.length > 0) throw new Error("this is not one player's timeline data");
  return p;
}

/** How many samples a record holds (its speed stream's length), without reading the streams. */
export function packedSeriesLength(record: Uint8Array): number {
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const idLength = view.getUint32(0, true);
  return view.getUint32(4 + idLength + 16, true);
}

/** Packs every player's series (before gzip). */
export function packSeries(players: readonly PlayerSeries[]): Uint8Array {
  return joinPackedSeries(players.map(packPlayerSeries));
}

/** Unpacks what packSeries wrote (after gunzip); throws on anything else. */
export function unpackSeries(bytes: Uint8Array): PlayerSeries[] {
  return [...eachPackedSeries(bytes)];
}

/**
 * unpackSeries one player at a time, for a caller that must not hold its thread for a whole team
 * (the session page yields to the window between players): each player as it is read.
 */
export function* eachPackedSeries(bytes: Uint8Array): Generator<PlayerSeries, void, undefined> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (k: number) => {
    if (at + k > bytes.length) throw new Error('the timeline data is cut short');
  };
  const u8 = () => (need(1), bytes[at++]);
  const u32 = () => {
    need(4);
    const v = view.getUint32(at, true);
    at += 4;
    return v;
  };
  const f64 = () => {
    need(8);
    const v = view.getFloat64(at, true);
    at += 8;
    return v;
  };
  const stream = (n: number, width: 1 | 2, scale: number): (number | null)[] => {
    need(n * width);
    const mod = width === 1 ? 0x100 : 0x10000;
    const nullWord = mod - 1;
    const out: (number | null)[] = new Array<number | null>(n);
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const d = width === 1 ? bytes[at + i] : bytes[at + i] | (bytes[at + n + i] << 8);
      prev = (prev + d) % mod;
      out[i] = prev === nullWord ? null : prev / scale;
    }
    at += n * width;
    return out;
  };
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('this is not timeline data this viewer can read');
  at = MAGIC.length;
  const count = u32();
  const dec = new TextDecoder();
  for (let k = 0; k < count; k++) {
    const len = u32();
    need(len);
    const playerId = dec.decode(bytes.subarray(at, at + len));
    at += len;
    const startMs = f64();
    const stepS = f64();
    const n = u32();
    const flags = u8();
    const speedMs = stream(n, 2, SERIES_SCALE.speedMs);
    const hrBpm = flags & 1 ? stream(n, 1, SERIES_SCALE.hrBpm) : null;
    const playerLoad = flags & 2 ? stream(n, 2, SERIES_SCALE.playerLoad) : null;
    yield { playerId, series: { startMs, stepS, speedMs, hrBpm, playerLoad } };
  }
  if (at !== bytes.length) throw new Error('the timeline data has more bytes than its players');
}
