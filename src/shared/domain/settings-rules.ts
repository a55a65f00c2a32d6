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

/**
 * Players whose HRmax is not above their resting heart rate, each value their own or the team's,
 * with the field to fix (their own HRmax if they have one, else their own resting HR: two team
 * values cannot conflict, the team schema forbids it) and why. Checked when settings are saved;
 * stored settings are not re-judged when read.
 */
export function hrConflicts(s: EngineSettings): { playerId: string; field: 'hrMaxBpm' | 'hrRestBpm'; message: string }[] {
  const out: { playerId: string; field: 'hrMaxBpm' | 'hrRestBpm'; message: string }[] = [];
  for (const [playerId, o] of Object.entries(s.players)) {
    const { maxBpm, restBpm } = playerHr(s, playerId);
    if (maxBpm > restBpm) continue;
    const field = o.hrMaxBpm != null ? 'hrMaxBpm' : 'hrRestBpm';
    const max = `HRmax ${maxBpm} bpm${o.hrMaxBpm != null ? '' : " (the team's)"}`;
    const rest = `resting heart rate ${restBpm} bpm${o.hrRestBpm != null ? '' : " (the team's)"}`;
    out.push({ playerId, field, message: `${max} must be above the ${rest}` });
  }
  return out;
}

/** Band edges in m/s for a player: absolute, or relative to the player's max speed. */
export function bandEdgesMs(s: EngineSettings, playerMaxSpeedMs: number | null): [number, number, number, number] | null {
  if (s.velocityBands.mode === 'absolute') return [...s.velocityBands.absoluteMs];
  if (playerMaxSpeedMs == null || !(playerMaxSpeedMs > 0)) return null;
  const p = s.velocityBands.relativePct;
  return [p[0], p[1], p[2], p[3]].map((x) => (x / 100) * playerMaxSpeedMs) as [number, number, number, number];
}

/**
 * Which HRmax the heart-rate zones and TRIMP of these players were read against: each player's own
 * where set (Settings, player values), else the team's. The team's is 200 bpm until someone sets
 * it, a placeholder: zones read against it mean little, and nothing on the tables says which a
 * player used. Null when no player is given (none has heart-rate data).
 */
export function hrMaxNote(s: EngineSettings, players: readonly { playerId: string; name: string }[]): string | null {
  if (players.length === 0) return null;
  const team = players.filter((p) => s.players[p.playerId]?.hrMaxBpm == null);
  const rule = `Heart-rate zones and TRIMP were read against each player's HRmax when these results were computed: their own where set in Settings, else the team's ${s.hr.maxBpm} bpm.`;
  if (team.length === 0) return `${rule} Every player here has their own.`;
  if (team.length === players.length) return `${rule} No player here has their own: all ${players.length} use the team's ${s.hr.maxBpm} bpm (set each player's HRmax, from a maximal test or the highest they have reached, for zones that mean something).`;
  return `${rule} ${team.length} of ${players.length} players here use the team's: ${team.map((p) => p.name).join(', ')}.`;
}
