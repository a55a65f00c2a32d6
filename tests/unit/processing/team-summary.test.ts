import { describe, expect, it } from 'vitest';
import { positionGroup, teamSummary } from '../../../src/main/core/processing/team-summary.ts';
import { metricCatalogue } from '../../../src/shared/domain/metrics.ts';
import { EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';

describe('team summary', () => {
  const defs = metricCatalogue().filter((d) => d.key === 'distance_m' || d.key === 'max_speed_ms');
  const rows = [
    { distance_m: 100, max_speed_ms: 5 },
    { distance_m: 200, max_speed_ms: 7 },
    { distance_m: null, max_speed_ms: null },
  ];

  it('mean over players with a value, total for additive metrics only', () => {
    // distance: mean (100 + 200)/2 = 150, total 300; max speed: mean (5 + 7)/2 = 6, no total (not additive)
    const t = teamSummary(rows, defs);
    expect(t).toMatchObject({ players: 3, mean: { distance_m: 150, max_speed_ms: 6 }, total: { distance_m: 300, max_speed_ms: null } });
    expect(t.groups).toBeUndefined();
  });

  it('by position group', () => {
    const t = teamSummary(rows, defs, ['Defenders', 'Defenders', 'Forwards']);
    expect(t.groups).toEqual([
      { name: 'Defenders', players: 2, mean: { distance_m: 150, max_speed_ms: 6 }, total: { distance_m: 300, max_speed_ms: null } },
      { name: 'Forwards', players: 1, mean: { distance_m: null, max_speed_ms: null }, total: { distance_m: null, max_speed_ms: null } },
    ]);
  });

  it('groups positions by the team mapping, else by the position itself', () => {
    const s = EngineSettingsSchema.parse({ positionGroups: { CB: 'Defenders', FB: 'Defenders' } });
    expect([positionGroup('CB', s), positionGroup('FB', s), positionGroup('FW', s), positionGroup(' ', s)]).toEqual(['Defenders', 'Defenders', 'FW', 'Unassigned']);
  });
});
