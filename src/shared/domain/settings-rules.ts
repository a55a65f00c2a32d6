/**
 * What the engine derives from the team settings: a player's heart-rate values and velocity band
 * edges. Kept apart from settings.ts, which builds the zod schemas when loaded, so the pool
 * workers (which get settings already validated) never load zod.
 */
import type { EngineSettings } from './settings.ts';

/** The team values with a player's overrides applied. */
export function playerHr(s: EngineSettings, playerId: string): { maxBpm: number; restBpm: number; sex: 'male' | 'female' } {
  const o = s.players[playerId] ?? {};
  return { maxBpm: o.hrMaxBpm ?? s.hr.maxBpm, restBpm: o.hrRestBpm ?? s.hr.restBpm, sex: o.sex ?? s.hr.sex };
}

/** Band edges in m/s for a player: absolute, or relative to the player's max speed. */
export function bandEdgesMs(s: EngineSettings, playerMaxSpeedMs: number | null): [number, number, number, number] | null {
  if (s.velocityBands.mode === 'absolute') return [...s.velocityBands.absoluteMs];
  if (playerMaxSpeedMs == null || !(playerMaxSpeedMs > 0)) return null;
  const p = s.velocityBands.relativePct;
  return [p[0], p[1], p[2], p[3]].map((x) => (x / 100) * playerMaxSpeedMs) as [number, number, number, number];
}
