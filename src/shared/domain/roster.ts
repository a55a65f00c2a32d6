import { z } from 'zod';

export const PlayerSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string(),
  /** Shirt number, when known: with position and date of birth, what tells two people of one name apart. */
  shirtNumber: z.number().int().nullable(),
  /** Date of birth, ISO 'YYYY-MM-DD', when known. */
  birthDate: z.string().nullable(),
  /** The squad the player belongs to ('' = none), e.g. "First team", "U23". */
  squad: z.string(),
  /** When the player left: kept in every session and result, hidden from pickers. */
  archivedAt: z.number().nullable(),
  createdAt: z.number(),
});
export type Player = z.infer<typeof PlayerSchema>;

/** The details a player may have besides the name (create and update). */
export interface PlayerDetails {
  position?: string;
  shirtNumber?: number | null;
  birthDate?: string | null;
  squad?: string;
}

/**
 * A player as a picker or list names them: the name alone when nobody else on the roster has it,
 * else with what tells them apart ("Max Roberts (FB · #4)", "Max Roberts (born 2001-05-02)").
 */
export function playerLabel(p: Pick<Player, 'id' | 'name' | 'position' | 'shirtNumber' | 'birthDate'>, roster: readonly Pick<Player, 'id' | 'name'>[]): string {
  const twins = roster.some((o) => o.id !== p.id && o.name.trim().toLowerCase() === p.name.trim().toLowerCase());
  if (!twins) return p.name;
  const detail = playerDetail(p);
  return detail ? `${p.name} (${detail})` : `${p.name} (no detail to tell apart: add a position, shirt number or date of birth)`;
}

/** A unit is a physical tracker (GPS/IMU pod, watch, logger) known by the id it reports. */
export const UnitSchema = z.object({
  id: z.string(),
  /** The identifier the unit reports itself (serial number, meta.csv device_id). Unique. */
  deviceId: z.string(),
  label: z.string(),
  /** Player who usually wears this unit; a session can override it. */
  defaultPlayerId: z.string().nullable(),
  createdAt: z.number(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const playerName = z.string().trim().min(1, 'name is required').max(80);
export const positionName = z.string().trim().max(40);
export const shirtNumber = z.number().int('a shirt number is a whole number').min(0, 'a shirt number is 0 to 999').max(999, 'a shirt number is 0 to 999');
export const birthDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date of birth is YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
export const squadName = z.string().trim().max(40, 'a squad name is at most 40 characters');

/** What tells a player apart from another of the same name: "FB · #4 · born 2001-03-02" (empty when nothing does). */
export function playerDetail(p: Pick<Player, 'position' | 'shirtNumber' | 'birthDate'>): string {
  return [p.position, p.shirtNumber != null ? `#${p.shirtNumber}` : '', p.birthDate ? `born ${p.birthDate}` : ''].filter((x) => x).join(' · ');
}
/**
 * The roster's id for a unit from whatever the unit calls itself (a serial number in a file, a
 * handshake id, a volume label, a folder name): runs of characters the roster does not allow
 * become one '-', leading/trailing '-' and '.' go, at most 64 characters; null when nothing is
 * left. Imports and device downloads both use it, so one unit is one roster unit either way.
 */
export function rosterUnitId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const id = raw
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64);
  return id || null;
}

export const deviceIdName = z
  .string()
  .trim()
  .min(1, 'device id is required')
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'device id may use letters, digits, dot, dash and underscore only');
