import { z } from 'zod';

export const PlayerSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string(),
  createdAt: z.number(),
});
export type Player = z.infer<typeof PlayerSchema>;

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
