/**
 * The pool's demo-recording task (workers/process-player.task.ts 'demoRecording'): the simulated
 * samples come from the thread's reused memory, and the encoded recording is written to the file
 * the request names, so neither the thread nor the core keeps it. What it makes is byte for byte
 * what demo-scenario.ts makes on a plain thread.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoRecording as demoRecordingTask } from '../../../src/main/workers/process-player.task.ts';
import { demoRecordingBytes, demoSampleBytes } from '../../../src/main/core/devices/sim/demo-scenario.ts';
import { scenarioPlayers, simulateUnit } from '../../../src/main/core/sample/scenario.ts';
import { withScratch } from '../../../src/main/core/util/scratch.ts';
import { DEFAULT_SAMPLE } from '../../../src/main/core/sample/scenario.ts';

const T0 = Date.UTC(2026, 2, 14, 9, 55);

describe("the pool's demo-recording task", () => {
  it('writes the recording to the file asked for and hands back only where it is, its size and SHA-256', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p1-demo-task-'));
    try {
      const req = { index: 2, unitStartMs: T0, minutes: 3 };
      const path = join(dir, 'DEMO-03-2.p1');
      const out = demoRecordingTask({ ...req, path });
      const expected = demoRecordingBytes(req.index, req.unitStartMs, req.minutes);
      expect(out).toEqual({ file: { path, size: expected.length }, sha256: createHash('sha256').update(expected).digest('hex') });
      expect(readFileSync(path).equals(Buffer.from(expected))).toBe(true);
      // A file already there is never overwritten (each start has a folder of its own).
      expect(() => demoRecordingTask({ ...req, path })).toThrow(/EEXIST/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("simulates a unit in the thread's reused memory inside a task, and in arrays of its own outside", () => {
    const player = scenarioPlayers(1)[0];
    const opts = { ...DEFAULT_SAMPLE, players: 1, minutes: 2 };
    const plain = simulateUnit(opts, 0, player);
    expect(plain.imu.t.buffer).not.toBe(plain.imu.ax.buffer);
    withScratch(() => {
      const u = simulateUnit(opts, 0, player);
      // One block holds every column, and it is the same samples as outside.
      expect(u.imu.ax.buffer).toBe(u.imu.t.buffer);
      expect(u.gnss.lat.buffer).toBe(u.imu.t.buffer);
      expect(Array.from(u.imu.az.subarray(0, 50))).toEqual(Array.from(plain.imu.az.subarray(0, 50)));
      expect(u.gnss.alt.every(Number.isNaN)).toBe(true);
      expect(Array.from(u.gnss.speed)).toEqual(Array.from(plain.gnss.speed));
      expect(Array.from(u.hr.bpm)).toEqual(Array.from(plain.hr.bpm));
    }, demoSampleBytes(2));
  });

  it('estimates the samples a recording takes as the simulation allocates them', () => {
    const u = simulateUnit({ ...DEFAULT_SAMPLE, players: 1, minutes: 2 }, 0, scenarioPlayers(1)[0]);
    // 100 Hz IMU: t, ax, ay, az; 10 Hz: GNSS t, lat, lon, speed, hdop, sats, alt, HR bpm, truth lat, lon, speed.
    const allocated = [u.imu.t, u.imu.ax, u.imu.ay, u.imu.az, u.gnss.t, u.gnss.lat, u.gnss.lon, u.gnss.speed, u.gnss.hdop, u.gnss.sats, u.gnss.alt, u.hr.bpm, u.truth.lat, u.truth.lon, u.truth.speedMs].reduce((a, x) => a + x.byteLength, 0);
    expect(demoSampleBytes(2)).toBe(allocated);
  });
});
