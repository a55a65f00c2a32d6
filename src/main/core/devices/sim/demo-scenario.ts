/**
 * What demo mode's simulated units hold: for each unit, one recording covering the session's
 * window (five minutes either side, at most two hours) and a short one from the day before
 * (outside the window: it stays on the unit). Both are real P1 files (the unit's native format)
 * of the sample scenario's simulated players, written in the unit's own clock (laptop clock +
 * its offset), so a downloaded file goes through the same reader and clock correction as a pod's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeP1 } from '../../formats/p1.writer.ts';
import { scenarioPlayers, simulateUnit } from '../../sample/scenario.ts';
import type { TimeWindow } from '../types.ts';
import { sha256Hex, type MemoryRecording, type RecordingFile, type SimUnitSpec } from './scenario.ts';

export interface DemoScenarioOptions {
  /** Session window, laptop time. */
  window: TimeWindow;
  units: number;
  /** Scenario seed (the sample session's by default). */
  seed?: number;
}

export const DEMO_MARGIN_MS = 5 * 60_000;
export const DEMO_MAX_RECORDING_MS = 2 * 3600_000;

export function demoUnitId(index: number): string {
  return `DEMO-${String(index + 1).padStart(2, '0')}`;
}

/** unit clock − laptop clock of demo unit `index`: a spread over ±3 s, as real pods drift. */
export function demoClockOffsetMs(index: number): number {
  return ((index * 1237) % 6000) - 3000;
}

/** The session recording's laptop-time range for a window. */
export function demoRecordingWindow(window: TimeWindow): TimeWindow {
  const startMs = window.startMs - DEMO_MARGIN_MS;
  return { startMs, endMs: Math.min(window.endMs + DEMO_MARGIN_MS, startMs + DEMO_MAX_RECORDING_MS) };
}

export const DEMO_FIRMWARE = '1.4.2';
const DEMO_SEED = 20260314;

/**
 * A P1 recording of demo unit `index` worn by the scenario's player `index`, from `unitStartMs`
 * (unit clock) for `minutes`. Deterministic in (seed, index, start, minutes).
 */
export function demoRecordingBytes(index: number, unitStartMs: number, minutes: number, seed = DEMO_SEED): Uint8Array {
  const player = scenarioPlayers(index + 1)[index];
  const u = simulateUnit({ players: index + 1, minutes, startMs: unitStartMs, seed }, index, player);
  return encodeP1({ unitId: demoUnitId(index), firmware: DEMO_FIRMWARE, startMs: unitStartMs, gnss: u.gnss, imu: u.imu, hr: u.hr });
}

/** What simulating `minutes` of a unit takes in typed arrays: 100 Hz IMU 4 × 8 bytes, 10 Hz GNSS/HR/truth 11 × 8. */
export function demoSampleBytes(minutes: number): number {
  return minutes * 60 * (100 * 4 * 8 + 10 * 11 * 8);
}

/** One recording to make: demo unit `index`'s, from `unitStartMs` (unit clock) for `minutes`. */
export interface DemoRecordingRequest {
  index: number;
  unitStartMs: number;
  minutes: number;
  seed?: number;
  /** Write the recording to this file (a new one) and hand back where it is, not its bytes. */
  path?: string;
}

/**
 * A made recording and its SHA-256 (hex), which the simulated unit lists: its bytes, or, when
 * asked for a file, where it is and how long.
 */
export type DemoRecording = { sha256: string } & ({ bytes: Uint8Array; file?: undefined } | { file: RecordingFile; bytes?: undefined });

/**
 * Makes a recording and its SHA-256. The app's is a pool task writing the recording to a file (a
 * session's recording is ~0.3 s of CPU and ~25 MB of samples before encoding, its hash ~7 ms: off
 * the core's event loop, and neither the samples nor the ~12 MB file in the core's process); without
 * a pool, here, in memory (tests, a core without one).
 */
export type MakeDemoRecording = (r: DemoRecordingRequest) => Promise<DemoRecording>;

/** The recording `r` asks for, made on this thread (and written to `r.path` when given; the file must not exist yet). */
export function demoRecording(r: DemoRecordingRequest): DemoRecording {
  const bytes = demoRecordingBytes(r.index, r.unitStartMs, r.minutes, r.seed);
  const sha256 = sha256Hex(bytes);
  if (r.path === undefined) return { bytes, sha256 };
  writeFileSync(r.path, bytes, { flag: 'wx' });
  return { file: { path: r.path, size: bytes.length }, sha256 };
}

export const makeDemoRecordingHere: MakeDemoRecording = async (r) => demoRecording(r);

/** Unit `index` of a demo scenario: its identity, clock, battery and what its flash holds, without the bytes. */
function demoUnitPlan(o: DemoScenarioOptions, index: number): { spec: Omit<SimUnitSpec, 'recordings'>; recordings: { id: number; startMs: number; endMs: number; make: DemoRecordingRequest }[] } {
  const host = demoRecordingWindow(o.window);
  const unitId = demoUnitId(index);
  const clockOffsetMs = demoClockOffsetMs(index);
  const minutes = Math.round((host.endMs - host.startMs) / 60_000);
  const oldStart = host.startMs - 86_400_000 + clockOffsetMs;
  const start = host.startMs + clockOffsetMs;
  return {
    spec: { unitId, firmware: DEMO_FIRMWARE, batteryPct: 92 - index * 7, batteryMv: 4080 - index * 30, clockOffsetMs },
    recordings: [
      { id: 1, startMs: oldStart, endMs: oldStart + 60_000, make: { index, unitStartMs: oldStart, minutes: 1, seed: o.seed } },
      { id: 2, startMs: start, endMs: start + minutes * 60_000, make: { index, unitStartMs: start, minutes, seed: o.seed } },
    ],
  };
}

/**
 * Unit `index` of a demo scenario: its identity, clock, battery and flash, its recordings made by
 * `make`; with `dir`, each recording in a file there (`<unit>-<id>.p1`), else in memory.
 */
export async function demoUnitSpec(o: DemoScenarioOptions, index: number, make: MakeDemoRecording = makeDemoRecordingHere, dir?: string): Promise<SimUnitSpec> {
  const plan = demoUnitPlan(o, index);
  const made = await Promise.all(plan.recordings.map((r) => make(dir === undefined ? r.make : { ...r.make, path: join(dir, `${plan.spec.unitId}-${r.id}.p1`) })));
  return { ...plan.spec, recordings: plan.recordings.map(({ make: _, ...r }, i) => ({ ...r, ...made[i] })) };
}

/** Every unit of a demo scenario, made here (tests recompute what the simulated units hold). */
export function demoSpecs(o: DemoScenarioOptions): SimUnitSpec<MemoryRecording>[] {
  return Array.from({ length: o.units }, (_, index) => {
    const plan = demoUnitPlan(o, index);
    return { ...plan.spec, recordings: plan.recordings.map(({ make, ...r }) => ({ ...r, bytes: demoRecordingBytes(make.index, make.unitStartMs, make.minutes, make.seed) })) };
  });
}
