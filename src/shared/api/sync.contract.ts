import { z } from 'zod';
import { method, none } from './method.ts';

/** One queued item as the Sync panel lists it: a session bundle, or a roster deletion (docs/sync.md). */
export interface SyncItemView {
  /** 'session-bundle': a session's results; 'roster-deletion': a player or unit deleted here. */
  kind: 'session-bundle' | 'roster-deletion';
  bundleId: string;
  sessionId: string;
  sessionName: string;
  revision: number;
  state: 'pending' | 'accepted' | 'synced' | 'superseded' | 'failed';
  attempts: number;
  /** When the sender tries it next (pending/accepted). */
  nextAttemptAt: number | null;
  queuedAt: number;
  doneAt: number | null;
  /** The server's reason (failed, superseded) or the last transient error (pending). */
  reason: string | null;
  httpStatus: number | null;
  sizeBytes: number;
}

export interface SyncStatus {
  /** A server URL is set and a token is stored. */
  configured: boolean;
  serverUrl: string | null;
  hasToken: boolean;
  /** Bundles not yet on the server (pending + accepted and waiting for the server to apply). */
  pending: number;
  failed: number;
  superseded: number;
  synced: number;
  lastSuccessAt: number | null;
  lastError: { message: string; at: number } | null;
  /** The server refused the token (401): syncing stopped until a new token is saved. */
  needsToken: boolean;
  /** The sender is sending now. */
  sending: boolean;
  nextAttemptAt: number | null;
}

export interface SyncSettingsView {
  serverUrl: string | null;
  caFile: string | null;
  hasToken: boolean;
  /** Where the token is kept ('safeStorage' in the app; 'memory' in tests and the browser bridge). */
  tokenStorage: string;
}

/** One record both the laptop and the server have, that differs: listed, never applied. */
export interface RosterDifference {
  kind: 'player' | 'unit';
  /** The laptop's id of the record (the server uses the same ids). */
  id: string;
  /** The laptop's name of the record (player name, or the unit's device id). */
  label: string;
  field: 'name' | 'position' | 'device' | 'worn by';
  local: string;
  server: string;
}

/**
 * A record the server has that the pull did not add because it was deleted on this laptop (a
 * roster tombstone, docs/sync.md "Roster deletions"). A unit is held back when its id was deleted
 * here (`matchedBy` 'id') or a deleted unit had its device id (`matchedBy` 'device').
 */
export interface RosterSkipped {
  kind: 'player' | 'unit';
  /** The server's id of the record. */
  id: string;
  /** The server's name of the player, or the unit's device id. */
  label: string;
  reason: 'deleted-on-this-laptop';
  matchedBy: 'id' | 'device';
  /** The deleted record's name or device id as it was on this laptop. */
  deletedLabel: string;
  /** When it was deleted here (UTC epoch ms). */
  deletedAt: number;
  /** The server has confirmed the deletion (it stops answering the record once it has it). */
  deletionSynced: boolean;
}

/** What a roster pull did: what it added, what it held back as deleted here, and what differs and was left as the laptop has it. */
export interface RosterPullResult {
  playersAdded: { id: string; name: string }[];
  unitsAdded: { id: string; deviceId: string }[];
  skipped: RosterSkipped[];
  differences: RosterDifference[];
}

/** https:// (or http:// to this machine, for a local test server). */
const serverUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => {
    try {
      const x = new URL(u);
      return x.protocol === 'https:' || (x.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(x.hostname));
    } catch {
      return false;
    }
  }, 'the server address must start with https:// (http:// only for this computer: 127.0.0.1 or localhost)');

export const syncContract = {
  'sync:status': method<SyncStatus>()(none),
  /** Tries every waiting bundle now (backoff and Retry-After waits are cut short); answers the status. */
  'sync:now': method<SyncStatus>()(none),
  'sync:getSettings': method<SyncSettingsView>()(none),
  /**
   * Saves the server URL, the club CA file (PEM; null: the system's CAs only) and, when given, a
   * new token (stored encrypted by the host, never in plain text). Sessions processed before
   * sync was set up are queued.
   */
  'sync:saveSettings': method<SyncSettingsView>()(
    z
      .object({
        serverUrl: serverUrl.nullable(),
        caFile: z.string().trim().max(1000).nullable().default(null),
        token: z.string().trim().min(8, 'the token is too short: paste the whole token').max(200).optional(),
      })
      .strict(),
  ),
  /** Every queued bundle, newest first (failed ones with the server's reason). */
  'sync:list': method<SyncItemView[]>()(
    z.object({ state: z.enum(['pending', 'accepted', 'synced', 'superseded', 'failed']).optional() }).strict().default({}),
  ),
  /** Sends a failed bundle again (the same bytes and key). NOT_FOUND: no such upload; INVALID_STATE: it did not fail (the message says where it is), or its frozen copy is gone. */
  'sync:retry': method<SyncItemView>()(z.object({ bundleId: z.string().uuid() }).strict()),
  /**
   * Pulls the team's roster from the server: adds the players and units this laptop lacks, never
   * changes one it has, and lists the differences (docs/sync.md, "Roster pull").
   */
  'sync:pullRoster': method<RosterPullResult>()(none),
  /** Removes a failed bundle from the list. */
  'sync:discard': method<{ discarded: boolean }>()(z.object({ bundleId: z.string().uuid() }).strict()),
};
