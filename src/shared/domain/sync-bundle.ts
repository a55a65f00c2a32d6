/**
 * The session bundle of the sync protocol (docs/sync.md, docs/sync-openapi.yaml): one revision
 * of one processed session, as the laptop pushes it to the club's central server. The laptop
 * builds it (src/main/core/sync/bundle-builder.ts), the reference server validates it with this
 * same schema (src/server). Later versions add optional members, never rename them.
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = 'player1.session-bundle/1';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
const epochMs = z.number().int();
/** Ids chosen by the laptop (UUIDs today, any short opaque string accepted). */
const localId = z.string().min(1).max(200);

export const bundleSession = z.object({
  id: localId,
  name: z.string().max(500),
  start_ms: epochMs,
  end_ms: epochMs,
  /** When this revision was processed on the laptop. */
  processed_at_ms: epochMs.nullable(),
}).passthrough();

export const bundleParticipant = z.object({
  player_id: localId,
  player_name: z.string().max(500),
  position: z.string().max(200),
  unit_id: localId,
  device_id: z.string().max(200),
  /** Added later: every unit the player wore in the session, unit_id's first; absent from older laptops (then unit_id alone). */
  units: z.array(z.object({ unit_id: localId, device_id: z.string().max(200) }).passthrough()).min(1).max(20).optional(),
  /** Added later: the unit (unit_id) the user chose for a kind of data; kinds left out follow the default rule. */
  sources: z.object({ gnss: localId.optional(), imu: localId.optional(), hr: localId.optional() }).passthrough().optional(),
}).passthrough();

export const bundlePeriod = z.object({
  id: localId,
  name: z.string().max(500),
  start_ms: epochMs,
  end_ms: epochMs,
  /** null: every participant. */
  player_ids: z.array(localId).nullable(),
}).passthrough();

export const bundleReport = z.object({
  content_type: z.literal('text/html'),
  encoding: z.literal('gzip+base64'),
  /** SHA-256 of the report HTML bytes before compression. */
  sha256: sha256Hex,
  /** Size of the HTML in bytes before compression. */
  size: z.number().int().nonnegative(),
  data: z.string(),
});

export const bundlePayload = z.object({
  session: bundleSession,
  participants: z.array(bundleParticipant).max(500),
  periods: z.array(bundlePeriod).max(500),
  /** The team settings this revision was computed with (the laptop's settings shape). */
  settings: z.unknown(),
  algorithm_version: z.string().max(100),
  /** Per-player and per-period metrics: the metrics JSON of docs/cli.md (schema_version 1). */
  metrics: z.object({ schema_version: z.literal(1), players: z.array(z.unknown()) }).passthrough(),
  /** Survey answers (wellness, sRPE) of the session's players; empty when none were taken. */
  survey_answers: z.array(z.unknown()),
  report: bundleReport.nullable(),
  app: z.object({ name: z.string().max(200), version: z.string().max(100) }),
}).passthrough();

export const sessionBundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  /** = the Idempotency-Key header. */
  bundle_id: uuid,
  session_id: localId,
  /** 1, 2, … per session: a re-processed session sends a higher revision. */
  revision: z.number().int().min(1).max(1_000_000_000),
  created_at_ms: epochMs,
  /** SHA-256 (lowercase hex) of the payload's canonical JSON (stableJson: keys sorted, no spaces). */
  payload_sha256: sha256Hex,
  payload: bundlePayload,
});

export type SessionBundle = z.infer<typeof sessionBundle>;
export type BundlePayload = z.infer<typeof bundlePayload>;

export const isUuid = (s: string): boolean => uuid.safeParse(s).success;
