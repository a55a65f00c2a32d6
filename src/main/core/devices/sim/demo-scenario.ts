/**
 * What demo mode's simulated units hold: for each unit, one recording covering the session's
 * window (five minutes either side, at most two hours) and one from the day before (outside the
 * window: stays on the unit), written in the unit's own clock (laptop clock + its offset).
 */
import type { TimeWindow } from '../types.ts';
import { deterministicBytes } from './scenario.ts';
import type { SimRecording, SimUnitSpec } from './scenario.ts';

export interface DemoScenarioOptions {
  /** Session window, laptop time. */
  window: TimeWindow;
  units: number;
  seed?: string;
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

/** Bytes of a recording: opaque until the P1 writer is available. ~1.3 kB per second, as a P1 file. */
function recordingBytes(seed: string, unitId: string, w: TimeWindow): Uint8Array {
  return deterministicBytes(`${seed}/${unitId}/${w.startMs}`, Math.max(4096, Math.round(((w.endMs - w.startMs) / 1000) * 1300)));
}

export function demoSpecs(o: DemoScenarioOptions): SimUnitSpec[] {
  const seed = o.seed ?? 'demo';
  const host = demoRecordingWindow(o.window);
  const specs: SimUnitSpec[] = [];
  for (let i = 0; i < o.units; i++) {
    const unitId = demoUnitId(i);
    const clockOffsetMs = demoClockOffsetMs(i);
    const yesterday = { startMs: host.startMs - 86_400_000, endMs: host.endMs - 86_400_000 };
    const recordings: SimRecording[] = [
      {
        id: 1,
        startMs: yesterday.startMs + clockOffsetMs,
        endMs: yesterday.endMs + clockOffsetMs,
        bytes: recordingBytes(`${seed}-old`, unitId, { startMs: yesterday.startMs, endMs: yesterday.startMs + 60_000 }),
      },
      {
        id: 2,
        startMs: host.startMs + clockOffsetMs,
        endMs: host.endMs + clockOffsetMs,
        bytes: recordingBytes(seed, unitId, host),
      },
    ];
    specs.push({ unitId, firmware: '1.4.2', batteryPct: 92 - i * 7, batteryMv: 4080 - i * 30, clockOffsetMs, recordings });
  }
  return specs;
}
