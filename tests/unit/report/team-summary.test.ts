import { describe, expect, it } from 'vitest';
import { teamSummary } from '../../../src/main/core/report/team-summary.ts';
import { BASIC_METRICS } from '../../../src/shared/domain/metrics.ts';

describe('team summary', () => {
  it('means over players with a value, totals only additive metrics', () => {
    const rows = [
      { distance_m: 1000, max_speed_ms: 7, player_load: null },
      { distance_m: 3000, max_speed_ms: 8, player_load: 40 },
    ];
    const t = teamSummary(rows, BASIC_METRICS);
    expect(t.players).toBe(2);
    expect(t.mean.distance_m).toBe(2000);
    expect(t.total.distance_m).toBe(4000);
    expect(t.mean.max_speed_ms).toBe(7.5);
    expect(t.total.max_speed_ms).toBeNull(); // a sum of max speeds means nothing
    expect(t.mean.player_load).toBe(40); // the player without IMU does not drag the mean to 20
    expect(t.mean.duration_s).toBeNull(); // nobody has it
  });
});
