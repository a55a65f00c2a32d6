import { z } from 'zod';
import { id, method } from './method.ts';
import type { PlayerOverview } from '../domain/load.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');

export const loadContract = {
  /** The Player page: one player's sessions, sRPE, wellness, load series with ACWR, and flags. */
  'load:player': method<PlayerOverview>()(z.object({ playerId: id, to: day.optional() }).strict()),
  /** A player's availability on days [from, to] ('default': back to the default rule). */
  'load:setAvailability': method<{ days: number }>()(
    z.object({ playerId: id, from: day, to: day, status: z.enum(['available', 'injured', 'unavailable', 'unknown', 'default']) }).strict(),
  ),
};
