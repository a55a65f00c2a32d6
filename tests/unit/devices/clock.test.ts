import { describe, expect, it } from 'vitest';
import { applyClockOffset, unitToHostMs } from '../../../src/main/core/devices/clock.ts';
import { clockOffsetFromRoundTrip } from '../../../src/main/core/devices/protocol/link.ts';
import { emptyGnss } from '../../../src/main/core/formats/canonical.ts';
import type { Recording } from '../../../src/main/core/formats/canonical.ts';

describe('clock offset', () => {
  it('is unit clock minus the host clock at the middle of the round trip', () => {
    // Host sent at 1000, got the reply at 1040; the unit said 3520 -> host mid 1020 -> +2500.
    expect(clockOffsetFromRoundTrip(1000, 1040, 3520)).toBe(2500);
    expect(unitToHostMs(10_000, 2500)).toBe(7500);
  });

  it('moves every stream onto the host clock without touching the input', () => {
    const gnss = emptyGnss(2);
    gnss.t.set([5000, 6000]);
    const rec: Recording = {
      format: 'p1', source: 'a.p1', unitId: 'P1-0001', gnss,
      imu: { t: Float64Array.from([5000, 5010]), ax: new Float64Array(2), ay: new Float64Array(2), az: new Float64Array(2) },
      hr: { t: Float64Array.from([5500]), bpm: Float64Array.from([150]) },
      problems: [],
    };
    const out = applyClockOffset(rec, -1500); // unit was 1.5 s behind
    expect([...out.gnss!.t]).toEqual([6500, 7500]);
    expect([...out.imu!.t]).toEqual([6500, 6510]);
    expect([...out.hr!.t]).toEqual([7000]);
    expect([...rec.gnss!.t]).toEqual([5000, 6000]);
    expect(out.problems.map((p) => p.code)).toEqual(['clock-offset-applied']);
  });
});
