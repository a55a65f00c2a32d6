/**
 * Synthetic session bundles for the sync tests, built by hand from the protocol (docs/sync.md),
 * independently of the laptop's bundle builder: the payload hash is SHA-256 over the canonical
 * JSON, the report gzip+base64 with the HTML's own SHA-256 and size.
 */
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { stableJson } from '../../src/shared/domain/stable-json.ts';

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export interface FixtureBundle {
  bundleId: string;
  sessionId: string;
  revision: number;
  body: Buffer;
  reportHtml: string;
}

export function reportHtmlFor(sessionId: string, revision: number): string {
  // Enough text to compress, varied per session and revision, with non-ASCII bytes.
  return `<!doctype html><html><head><meta charset="utf-8"><title>${sessionId} r${revision}</title><style>body{color:#123}</style></head><body>` +
    `<h1>Séance ${sessionId} — révision ${revision}</h1>${'<p>distance 10 412 m · José Núñez</p>'.repeat(20 + (revision % 7))}` +
    `<script>document.title += ' ✓';</script></body></html>`;
}

/** A participant as a bundle carries it (docs/sync.md): `units` and `sources` were added later. */
export interface FixtureParticipant {
  player_id: string;
  player_name: string;
  position: string;
  unit_id: string;
  device_id: string;
  units?: { unit_id: string; device_id: string }[];
  sources?: Record<string, string>;
}

export function makeBundle(
  o: { sessionId?: string; revision?: number; bundleId?: string; name?: string; players?: number; reportHtml?: string; startMs?: number; participants?: FixtureParticipant[] } = {},
): FixtureBundle {
  const sessionId = o.sessionId ?? randomUUID();
  const revision = o.revision ?? 1;
  const bundleId = o.bundleId ?? randomUUID();
  const reportHtml = o.reportHtml ?? reportHtmlFor(sessionId, revision);
  const html = Buffer.from(reportHtml, 'utf8');
  const nPlayers = o.players ?? 2;
  const participants: FixtureParticipant[] = o.participants ?? Array.from({ length: nPlayers }, (_, i) => ({
    player_id: `player-${i + 1}`,
    player_name: i === 0 ? 'José Núñez' : `Player ${i + 1}`,
    position: i === 0 ? 'CM' : 'FB',
    unit_id: `unit-${i + 1}`,
    device_id: `P1-10${String(i + 1).padStart(2, '0')}`,
  }));
  const payload = {
    session: { id: sessionId, name: o.name ?? `Training ${sessionId.slice(0, 8)}`, start_ms: o.startMs ?? 1_773_482_400_000, end_ms: (o.startMs ?? 1_773_482_400_000) + 5_400_000, processed_at_ms: 1_773_490_000_000 + revision },
    participants,
    periods: [{ id: 'p-1', name: 'Warm-up', start_ms: 1_773_482_400_000, end_ms: 1_773_483_300_000, player_ids: null }],
    settings: { velocityBands: [2, 4, 5.5, 7] },
    algorithm_version: '0.2.3',
    metrics: {
      schema_version: 1,
      algorithm_version: '0.2.3',
      players: participants.map((p, i) => ({ device_id: p.device_id, player_name: p.player_name, position: p.position, metrics: { distance_m: 5000 + i * 100 + revision }, periods: [] })),
      team: { players: participants.length, mean: {}, total: {} },
    },
    survey_answers: [],
    report: { content_type: 'text/html', encoding: 'gzip+base64', sha256: sha256(html), size: html.length, data: gzipSync(html).toString('base64') },
    app: { name: 'Player1 Pitchside', version: 'test' },
  };
  const bundle = {
    format: 'player1.session-bundle/1',
    bundle_id: bundleId,
    session_id: sessionId,
    revision,
    created_at_ms: 1_773_490_000_000,
    payload_sha256: sha256(stableJson(payload)),
    payload,
  };
  return { bundleId, sessionId, revision, body: Buffer.from(JSON.stringify(bundle), 'utf8'), reportHtml };
}

export async function post(url: string, token: string, b: { bundleId: string; body: Buffer | string }, extra: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const r = await fetch(`${url}/v1/session-bundles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': b.bundleId, ...extra },
    body: typeof b.body === 'string' ? b.body : new Uint8Array(b.body),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
