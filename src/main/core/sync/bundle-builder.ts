/**
 * Builds one session bundle (docs/sync.md): the session, participants, periods, the settings and
 * algorithm version the results were computed with, per-player and per-period metrics (the
 * metrics JSON of docs/cli.md), the session's survey answers, the report HTML gzipped, and the
 * payload's SHA-256 over its canonical JSON. The bytes returned are what the outbox freezes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { participantUnits, type Session } from '../../../shared/domain/session.ts';
import { currentChoice } from '../sessions/participant-sources.ts';
import type { Period } from '../../../shared/domain/period.ts';
import { BUNDLE_FORMAT, type BundlePayload, type SessionBundle } from '../../../shared/domain/sync-bundle.ts';
import { stableJson } from '../../../shared/domain/stable-json.ts';
import type { MetricsJson } from '../report/metrics-json.ts';

export interface BundleSource {
  periods(sessionId: string): Period[];
  /** The per-player and per-period metrics, with their effort lists. */
  metrics(sessionId: string): MetricsJson;
  /** The settings the session's results were computed with (all results of a run share them). */
  settingsUsed(sessionId: string): { settings: unknown; algorithmVersion: string };
  /** The session's survey answers (h14's surveys), in a stable shape. */
  surveyAnswers(sessionId: string): unknown[];
  app: { name: string; version: string };
}

export const sha256Hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export interface BuiltBundle {
  body: Buffer;
  bodySha256: string;
}

export function buildBundle(
  src: BundleSource,
  session: Session,
  reportPath: string | null,
  o: { bundleId: string; revision: number; now: number },
): BuiltBundle {
  const html = reportPath ? readFileSync(reportPath) : null;
  const used = src.settingsUsed(session.id);
  const payload: BundlePayload = {
    session: {
      id: session.id,
      name: session.name,
      start_ms: session.startMs,
      end_ms: session.endMs,
      processed_at_ms: session.lastProcessedAt,
    },
    participants: session.participants.map((p) => ({
      player_id: p.playerId,
      player_name: p.playerName,
      position: p.position,
      unit_id: p.unitId,
      device_id: p.deviceId,
      // Every unit the player wore (theirs first), and the user's choice of unit per kind of data
      // (kinds left out: the default rule); what each kind came from is in metrics.players[].sources.
      units: participantUnits(p).map((u) => ({ unit_id: u.unitId, device_id: u.deviceId })),
      sources: currentChoice(p),
    })),
    periods: src.periods(session.id).map((p) => ({ id: p.id, name: p.name, start_ms: p.startMs, end_ms: p.endMs, player_ids: p.playerIds })),
    settings: used.settings,
    algorithm_version: used.algorithmVersion,
    metrics: src.metrics(session.id) as unknown as BundlePayload['metrics'],
    survey_answers: src.surveyAnswers(session.id),
    report: html
      ? { content_type: 'text/html', encoding: 'gzip+base64', sha256: sha256Hex(html), size: html.length, data: gzipSync(html, { level: 6 }).toString('base64') }
      : null,
    app: src.app,
  };
  // Round-trip through JSON first so the hash covers exactly what is sent (no undefined members).
  const plain = JSON.parse(JSON.stringify(payload)) as BundlePayload;
  const bundle: SessionBundle = {
    format: BUNDLE_FORMAT,
    bundle_id: o.bundleId,
    session_id: session.id,
    revision: o.revision,
    created_at_ms: o.now,
    payload_sha256: sha256Hex(stableJson(plain)),
    payload: plain,
  };
  const body = Buffer.from(JSON.stringify(bundle), 'utf8');
  return { body, bodySha256: sha256Hex(body) };
}
