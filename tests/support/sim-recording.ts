/** What a simulated unit's recording holds, wherever it is kept (in memory, or in a demo flash file). */
import { readFileSync } from 'node:fs';
import type { SimRecording } from '../../src/main/core/devices/sim/scenario.ts';

/** A recording's whole content (tests compare what landed with it). */
export function recordingBytes(r: SimRecording): Uint8Array {
  return r.bytes ?? new Uint8Array(readFileSync(r.file.path));
}
