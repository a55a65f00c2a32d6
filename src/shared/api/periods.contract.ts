import { z } from 'zod';
import { id, method } from './method.ts';
import { periodName, periodPlayerIds, type Period } from '../domain/period.ts';
import { SESSION_EARLIEST_MS, SESSION_LATEST_MS } from '../domain/session.ts';

/** UTC epoch milliseconds between 2000-01-01 and 2100-01-01. */
const epochMs = z.number().int().min(SESSION_EARLIEST_MS).max(SESSION_LATEST_MS);

export const periodsContract = {
  /** The session's periods, in start order. */
  'periods:list': method<Period[]>()(z.object({ sessionId: id }).strict()),
  /** A period must lie inside the session window; playerIds (participants) or null for everyone. */
  'periods:create': method<Period>()(
    z
      .object({ sessionId: id, name: periodName, startMs: epochMs, endMs: epochMs, playerIds: periodPlayerIds.default(null) })
      .strict()
      .refine((p) => p.endMs > p.startMs, { message: 'the period must end after it starts', path: ['endMs'] }),
  ),
  'periods:update': method<Period>()(
    z
      .object({ id, name: periodName.optional(), startMs: epochMs.optional(), endMs: epochMs.optional(), playerIds: periodPlayerIds.optional() })
      .strict(),
  ),
  'periods:delete': method<{ deleted: boolean }>()(z.object({ id }).strict()),
};
