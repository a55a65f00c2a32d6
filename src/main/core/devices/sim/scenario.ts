/**
 * Scenarios for simulated Player1 units: which units exist, their clocks, batteries and the
 * recordings they hold. Recording content is deterministic for a given seed, so a test can
 * recompute the expected sha256 on its own. Until the P1 binary format lands (branch issue-4)
 * a recording is opaque bytes: the protocol never looks inside a file.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * A recording on a simulated unit's flash: its bytes in memory (tests' scenarios, a core without a
 * pool), or in a file (demo mode with the app's pool: the core's process then holds none of its
 * units' recordings, which for 12 units of two hours would be ~160 MB).
 */
export type SimRecording = MemoryRecording | FileRecording;

interface RecordingBase {
  id: number;
  /** Unit clock, epoch ms. */
  startMs: number;
  endMs: number;
}

export interface MemoryRecording extends RecordingBase {
  bytes: Uint8Array;
  file?: undefined;
  /** The bytes' SHA-256 (hex) when whoever made them worked it out already; else the emulator does. */
  sha256?: string;
}

export interface FileRecording extends RecordingBase {
  file: RecordingFile;
  bytes?: undefined;
  sha256: string;
}

/** A recording kept in a file: where, and how many bytes (the file is never changed while it serves). */
export interface RecordingFile {
  path: string;
  size: number;
}

export function recordingSize(r: SimRecording): number {
  return r.bytes ? r.bytes.length : r.file.size;
}

export interface SimUnitSpec<R extends SimRecording = SimRecording> {
  unitId: string;
  firmware: string;
  batteryPct: number;
  batteryMv: number;
  /** unit clock − true (host) clock, ms. */
  clockOffsetMs: number;
  recordings: R[];
}

/** xorshift32 stream seeded from crc32(seed): fast, deterministic, not cryptographic. */
export function deterministicBytes(seed: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const words = new Uint32Array(out.buffer, 0, size >>> 2);
  let x = crc32(seed) || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  for (let i = words.length * 4; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface ScenarioOptions {
  units: number;
  /** Session start in host time (epoch ms). */
  sessionStartMs: number;
  sessionDurationMs?: number;
  bytesPerRecording?: number;
  /** Extra recordings outside the session window (yesterday's), to test the window filter. */
  olderRecordings?: number;
  /** Clock offsets per unit index; default spreads units over ±3 s. */
  clockOffsetMs?: (index: number) => number;
  seed?: string;
}

export function unitIdFor(index: number): string {
  return `P1-${String(index + 1).padStart(4, '0')}`;
}

export function makeScenario(o: ScenarioOptions): SimUnitSpec<MemoryRecording>[] {
  const duration = o.sessionDurationMs ?? 90 * 60_000;
  const size = o.bytesPerRecording ?? 256 * 1024;
  const seed = o.seed ?? 'pitchside';
  const units: SimUnitSpec<MemoryRecording>[] = [];
  for (let i = 0; i < o.units; i++) {
    const unitId = unitIdFor(i);
    const clockOffsetMs = o.clockOffsetMs ? o.clockOffsetMs(i) : ((i * 1237) % 6000) - 3000;
    const recordings: MemoryRecording[] = [];
    let id = 1;
    for (let k = 0; k < (o.olderRecordings ?? 0); k++) {
      const start = o.sessionStartMs - (k + 1) * 86_400_000 + clockOffsetMs;
      recordings.push({ id: id++, startMs: start, endMs: start + duration, bytes: deterministicBytes(`${seed}/${unitId}/old${k}`, size) });
    }
    const start = o.sessionStartMs + clockOffsetMs;
    recordings.push({ id: id++, startMs: start, endMs: start + duration, bytes: deterministicBytes(`${seed}/${unitId}/session`, size) });
    units.push({ unitId, firmware: '1.4.2', batteryPct: 80 - i, batteryMv: 3950 - i * 5, clockOffsetMs, recordings });
  }
  return units;
}
