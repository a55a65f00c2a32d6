/**
 * The effort lists as the report embeds them: by columns, start times as differences, the same
 * values exactly when read back (the timeline's marks and tooltips come from them).
 */
import { describe, expect, it } from 'vitest';
import { packEfforts, unpackEfforts } from '../../../src/shared/domain/effort-codec.ts';
import type { EffortLists } from '../../../src/shared/domain/player-result.ts';

const at = (min: number, s = 0, ms = 0) => Date.UTC(2026, 2, 14, 10, min, s, ms);

describe('effort lists packed by columns', () => {
  const lists: EffortLists = {
    sprints: [
      { startMs: at(1), durationS: 1.6, distanceM: 12.5, startSpeedMs: 7, endSpeedMs: 7.05, maxSpeedMs: 8.203 },
      { startMs: at(1, 2, 500), durationS: 3.25, distanceM: 25.3, startSpeedMs: 7.151, endSpeedMs: 7.054, maxSpeedMs: 8.5 },
    ],
    accels: [
      { thresholdMs2: 2, efforts: [{ startMs: at(0, 40, 100), durationS: 0.6, distanceM: 0.7, startSpeedMs: 0.483, endSpeedMs: 2.353, maxSpeedMs: 2.353, peakAccelMs2: 3.874 }] },
      { thresholdMs2: 3, efforts: [] },
    ],
    decels: [{ thresholdMs2: 2, efforts: [{ startMs: at(3), durationS: 2, distanceM: 6.5, startSpeedMs: 5, endSpeedMs: 1.5, maxSpeedMs: 5 }] }],
  };

  it('writes each list as columns, the first start as it is and the next as the ms since the one before', () => {
    const p = packEfforts(lists);
    // 10:01:02.500 is 2 500 ms after 10:01:00.000.
    expect(p.sprints).toEqual({ t: [at(1), 2500], d: [1.6, 3.25], m: [12.5, 25.3], v0: [7, 7.151], v1: [7.05, 7.054], vx: [8.203, 8.5] });
    expect(p.accels).toEqual([
      { thresholdMs2: 2, efforts: { t: [at(0, 40, 100)], d: [0.6], m: [0.7], v0: [0.483], v1: [2.353], vx: [2.353], pk: [3.874] } },
      { thresholdMs2: 3, efforts: { t: [], d: [], m: [], v0: [], v1: [], vx: [] } },
    ]);
    // An effort computed before peaks were kept: no peak column at all.
    expect(p.decels[0].efforts.pk).toBeUndefined();
  });

  it('reads back the same records, a missing peak staying missing (not 0)', () => {
    const back = unpackEfforts(JSON.parse(JSON.stringify(packEfforts(lists))));
    expect(back).toEqual(lists);
    expect('peakAccelMs2' in back.decels[0].efforts[0]).toBe(false);
    // A list where only some efforts have a peak keeps each one's own.
    const mixed: EffortLists = { sprints: [], accels: [{ thresholdMs2: 2, efforts: [lists.decels[0].efforts[0], lists.accels[0].efforts[0]] }], decels: [] };
    expect(packEfforts(mixed).accels[0].efforts.pk).toEqual([null, 3.874]);
    expect(unpackEfforts(packEfforts(mixed))).toEqual(mixed);
  });
});
