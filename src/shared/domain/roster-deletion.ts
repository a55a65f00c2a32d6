/**
 * A roster deletion of the sync protocol (docs/sync.md, "Roster deletions"): a player or a unit
 * deleted on a laptop, pushed to the club's central server so that GET /v1/roster stops answering
 * it for the whole team. The laptop builds it (src/main/core/sync/roster-tombstones.ts), the
 * reference server validates it with this same schema (src/server/roster-deletions.ts).
 */
import { z } from 'zod';

export const ROSTER_DELETION_FORMAT = 'player1.roster-deletion/1';

export const rosterDeletion = z
  .object({
    format: z.literal(ROSTER_DELETION_FORMAT),
    /** = the Idempotency-Key header: one per deletion on one laptop. */
    deletion_id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID'),
    kind: z.enum(['player', 'unit']),
    /** The laptop's id of the record (the id the bundles and GET /v1/roster carry). */
    id: z.string().min(1).max(200),
    /** The player's name or the unit's device id, for people reading the server's records. */
    label: z.string().max(500),
    /** The unit's device id; null for a player. */
    device_id: z.string().max(200).nullable(),
    /** When it was deleted on the laptop (UTC epoch ms). */
    deleted_at_ms: z.number().int(),
  })
  .strict()
  .refine((d) => (d.kind === 'unit') === (d.device_id !== null), { message: 'device_id is given for a unit, and null for a player', path: ['device_id'] });

export type RosterDeletion = z.infer<typeof rosterDeletion>;
