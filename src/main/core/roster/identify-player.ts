/**
 * Who a named person in a file is (a meta.csv row: name, position, shirt number, date of birth):
 * a person is not a name. A roster player of that name is them only when no detail tells them
 * apart (a detail known on both sides and different); several such players, or one whose
 * details all agree but another equally possible, are ambiguous: the app's import asks the user,
 * the folder import takes the closest and says so.
 */
import type { Player } from '../../../shared/domain/roster.ts';
import type { PlayersRepo } from '../db/players.repo.ts';

export interface PersonDetails {
  playerName: string;
  position: string;
  shirtNumber: number | null;
  birthDate: string | null;
}

export type Identification =
  | { kind: 'player'; player: Player; exact: boolean }
  | { kind: 'new' }
  | { kind: 'ambiguous'; candidates: Player[] };

const norm = (s: string) => s.trim().toLowerCase();

/** No detail known on both sides differs. */
export function compatible(p: Player, who: PersonDetails): boolean {
  if (p.position.trim() && who.position.trim() && norm(p.position) !== norm(who.position)) return false;
  if (p.shirtNumber != null && who.shirtNumber != null && p.shirtNumber !== who.shirtNumber) return false;
  if (p.birthDate && who.birthDate && p.birthDate !== who.birthDate) return false;
  return true;
}

/** Every detail the same, known or not. */
function exact(p: Player, who: PersonDetails): boolean {
  return norm(p.position) === norm(who.position) && (p.shirtNumber ?? null) === who.shirtNumber && (p.birthDate ?? null) === who.birthDate;
}

/**
 * `taken`: players already given to another person in the same import (two rows "Max Roberts, FB"
 * and "Max Roberts, ST" never both become the one roster Max Roberts).
 */
export function identifyPlayer(players: Pick<PlayersRepo, 'allByName'>, who: PersonDetails, taken: ReadonlySet<string> = new Set()): Identification {
  const named = players.allByName(who.playerName).filter((p) => !taken.has(p.id));
  const fit = named.filter((p) => compatible(p, who));
  if (fit.length === 0) return { kind: 'new' };
  if (fit.length === 1) return { kind: 'player', player: fit[0], exact: exact(fit[0], who) };
  const exactOnes = fit.filter((p) => exact(p, who));
  if (exactOnes.length === 1) return { kind: 'player', player: exactOnes[0], exact: true };
  return { kind: 'ambiguous', candidates: fit };
}
