/**
 * The roster pull (docs/sync.md, "Roster pull"): GET /v1/roster answers the team's players and
 * units as the laptops last reported them, by the laptops' own stable ids. Merging it adds the
 * players and units this laptop lacks and never changes one it has: a record both sides have that
 * differs (a name, a position, who wears a unit) is listed for the user, not applied. A unit is
 * the same unit when its id matches, or else when its device id does (a device id is unique here).
 * A record deleted on this laptop (a roster tombstone, roster-tombstones.ts) is never added back:
 * it is listed as skipped, with when it was deleted. The merge runs in one immediate SQLite transaction.
 */
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { RosterDifference, RosterPullResult, RosterSkipped } from '../../../shared/api/sync.contract.ts';
import { RosterTombstones, type TombstoneRow } from './roster-tombstones.ts';

const serverRoster = z.object({
  players: z.array(z.object({ player_id: z.string().min(1), name: z.string(), position: z.string().nullable().optional() })),
  units: z.array(z.object({ unit_id: z.string().min(1), device_id: z.string().min(1), player_id: z.string().nullable().optional() })),
});
export type ServerRoster = z.infer<typeof serverRoster>;

/** Parses the server's answer; a malformed one is an error in the user's words. */
export function parseServerRoster(json: unknown): ServerRoster {
  const r = serverRoster.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`the server's roster is not in the expected form (${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid'})`);
  }
  return r.data;
}

interface PlayerRow {
  id: string;
  name: string;
  position: string;
}
interface UnitRow {
  id: string;
  device_id: string;
  default_player_id: string | null;
}

export function mergeRoster(db: Db, roster: ServerRoster, now: number): RosterPullResult {
  return db
    .transaction((): RosterPullResult => {
      const out: RosterPullResult = { playersAdded: [], unitsAdded: [], skipped: [], differences: [] };
      const tombstones = new RosterTombstones(db).all();
      const deletedPlayer = new Map(tombstones.filter((t) => t.kind === 'player').map((t) => [t.id, t]));
      const deletedUnit = new Map(tombstones.filter((t) => t.kind === 'unit').map((t) => [t.id, t]));
      const deletedDevice = new Map(tombstones.filter((t) => t.kind === 'unit' && t.device_id !== null).map((t) => [t.device_id!.toLowerCase(), t]));
      const skip = (kind: RosterSkipped['kind'], id: string, label: string, matchedBy: RosterSkipped['matchedBy'], t: TombstoneRow): void => {
        out.skipped.push({ kind, id, label, reason: 'deleted-on-this-laptop', matchedBy, deletedLabel: t.label, deletedAt: t.deleted_at, deletionSynced: t.synced_at !== null });
      };
      const getPlayer = db.prepare('SELECT id, name, position FROM players WHERE id = ?');
      const addPlayer = db.prepare("INSERT INTO players (id, name, position, created_at) VALUES (?, ?, ?, ?)");
      const nameOf = (id: string | null): string | null => (id === null ? null : ((getPlayer.get(id) as PlayerRow | undefined)?.name ?? null));
      for (const p of roster.players) {
        const position = p.position ?? '';
        const local = getPlayer.get(p.player_id) as PlayerRow | undefined;
        if (!local) {
          const gone = deletedPlayer.get(p.player_id);
          if (gone) {
            skip('player', p.player_id, p.name, 'id', gone);
            continue;
          }
          addPlayer.run(p.player_id, p.name, position, now);
          out.playersAdded.push({ id: p.player_id, name: p.name });
          continue;
        }
        const d = (field: RosterDifference['field'], l: string, s: string): void => {
          out.differences.push({ kind: 'player', id: local.id, label: local.name, field, local: l, server: s });
        };
        if (local.name.trim() !== p.name.trim()) d('name', local.name, p.name);
        if (local.position.trim() !== position.trim()) d('position', local.position, position);
      }

      const byId = db.prepare('SELECT id, device_id, default_player_id FROM units WHERE id = ?');
      const byDevice = db.prepare('SELECT id, device_id, default_player_id FROM units WHERE device_id = ? COLLATE NOCASE');
      const addUnit = db.prepare("INSERT INTO units (id, device_id, label, default_player_id, created_at) VALUES (?, ?, '', ?, ?)");
      for (const u of roster.units) {
        const serverPlayer = u.player_id ?? null;
        const local = (byId.get(u.unit_id) ?? byDevice.get(u.device_id)) as UnitRow | undefined;
        if (!local) {
          const byIdGone = deletedUnit.get(u.unit_id);
          const gone = byIdGone ?? deletedDevice.get(u.device_id.toLowerCase());
          if (gone) {
            skip('unit', u.unit_id, u.device_id, byIdGone ? 'id' : 'device', gone);
            continue;
          }
          // Worn by a player this laptop has (or just added); otherwise added unassigned.
          const wearer = serverPlayer !== null && getPlayer.get(serverPlayer) ? serverPlayer : null;
          addUnit.run(u.unit_id, u.device_id, wearer, now);
          out.unitsAdded.push({ id: u.unit_id, deviceId: u.device_id });
          continue;
        }
        if (local.device_id.toLowerCase() !== u.device_id.toLowerCase()) {
          out.differences.push({ kind: 'unit', id: local.id, label: local.device_id, field: 'device', local: local.device_id, server: u.device_id });
        }
        if (local.default_player_id !== serverPlayer) {
          out.differences.push({
            kind: 'unit',
            id: local.id,
            label: local.device_id,
            field: 'worn by',
            local: nameOf(local.default_player_id) ?? (local.default_player_id === null ? 'nobody' : local.default_player_id),
            server: serverPlayer === null ? 'nobody' : (roster.players.find((p) => p.player_id === serverPlayer)?.name ?? nameOf(serverPlayer) ?? serverPlayer),
          });
        }
      }
      return out;
    })
    .immediate();
}
