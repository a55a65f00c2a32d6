/** Which units' session coverage warnings the notes keep: a unit that stands out, not every unit alike (a window wider than the session). */
import { describe, expect, it } from 'vitest';
import { keptCoverageWarnings } from '../../../src/shared/domain/session-coverage.ts';
import type { EngineWarning } from '../../../src/shared/domain/player-result.ts';

const cov = (share: number | undefined): EngineWarning => ({ code: 'SESSION_PARTLY_COVERED', message: `covers ${share}`, ...(share === undefined ? {} : { share }) });
const other: EngineWarning = { code: 'NO_IMU', message: 'no accelerometer' };

function kept(shares: (number | null | undefined)[]): string[] {
  // null: no coverage warning (the unit covers 95 % or more); undefined: a warning stored without its share.
  const players = shares.map((s, i) => ({ playerId: `p${i}`, warnings: s === null ? [other] : [other, cov(s)] }));
  const keep = keptCoverageWarnings(players);
  return players.flatMap((p) => p.warnings.filter((w) => keep(w, p.playerId)).map((w) => `${p.playerId}:${w.code}`));
}

describe('session coverage warnings kept in the notes', () => {
  it('one unit cut short among units that cover the session: said', () => {
    expect(kept([0.13, null, null])).toEqual(['p0:NO_IMU', 'p0:SESSION_PARTLY_COVERED', 'p1:NO_IMU', 'p2:NO_IMU']);
  });
  it('every unit short alike (83-86 %: the window is wider than the session): none said; other warnings stay', () => {
    expect(kept([0.83, 0.85, 0.86])).toEqual(['p0:NO_IMU', 'p1:NO_IMU', 'p2:NO_IMU']);
  });
  it('every unit short, one far below the best (40 % against 86 %): that one said', () => {
    expect(kept([0.83, 0.86, 0.4])).toEqual(['p0:NO_IMU', 'p1:NO_IMU', 'p2:NO_IMU', 'p2:SESSION_PARTLY_COVERED']);
  });
  it('a session of one unit: said (nothing to compare with); a warning stored without its share: said', () => {
    expect(kept([0.13])).toEqual(['p0:NO_IMU', 'p0:SESSION_PARTLY_COVERED']);
    expect(kept([undefined, 0.85, 0.86])).toEqual(['p0:NO_IMU', 'p0:SESSION_PARTLY_COVERED', 'p1:NO_IMU', 'p2:NO_IMU']);
  });
});
