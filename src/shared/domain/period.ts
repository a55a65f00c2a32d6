/** Periods (drills) of a session: named half-open time ranges [startMs, endMs), for everyone or chosen players. */
import { z } from 'zod';

export interface Period {
  id: string;
  sessionId: string;
  name: string;
  startMs: number;
  endMs: number;
  /** Player ids the period applies to; null = every participant. */
  playerIds: string[] | null;
  createdAt: number;
  updatedAt: number;
}

export const periodName = z.string().trim().min(1, 'name is required').max(80);
export const periodPlayerIds = z
  .array(z.string().min(1).max(64))
  .min(1, 'choose at least one player, or null for everyone')
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, 'a player is listed twice')
  .nullable();
