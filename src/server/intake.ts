/**
 * POST /v1/session-bundles: validates a bundle and stores it, keyed by its bundle id (the
 * Idempotency-Key), in one transaction; the processor applies it asynchronously. The answer
 * (202 + Location, or 409 superseded) is stored with it and replayed to any retry of the key.
 */
import { gunzipSync } from 'node:zlib';
import type { Pool } from 'pg';
import { sessionBundle, isUuid, type SessionBundle } from '../shared/domain/sync-bundle.ts';
import { stableJson } from '../shared/domain/stable-json.ts';
import { HttpProblem, PROBLEM } from './problem.ts';
import { parseJsonBody, sha256 } from './json-request.ts';
import type { TokenOwner } from './tokens.ts';
import { faultPause } from './fault-hook.ts';

export interface IntakeAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  problem: boolean;
}

export interface IntakeLimits {
  /** Bundles accepted but not yet applied, per team, beyond which a POST gets 429. */
  maxWaitingPerTeam: number;
}


export const statusUrl = (bundleId: string): string => `/v1/session-bundles/${bundleId}`;

interface ExistingRow {
  team_id: string;
  request_sha256: string;
  status: string;
  response_status: number;
  response_body: unknown;
}

function answerExisting(row: ExistingRow, owner: TokenOwner, requestSha: string, key: string): IntakeAnswer {
  if (String(row.team_id) !== owner.teamId || row.request_sha256 !== requestSha) {
    throw new HttpProblem(422, PROBLEM.keyReused, 'Idempotency key reused', `the Idempotency-Key ${key} was already used for a different bundle; a new bundle needs a new key`);
  }
  if (row.status === 'accepted' && row.response_status === 202) {
    throw new HttpProblem(409, PROBLEM.inFlight, 'Still being processed', `bundle ${key} is still being processed; ask again shortly`, {
      headers: { 'retry-after': '1', location: statusUrl(key) },
    });
  }
  const problem = row.response_status >= 400;
  return {
    status: row.response_status,
    body: row.response_body,
    headers: { 'idempotent-replayed': 'true', ...(problem ? {} : { location: statusUrl(key) }) },
    problem,
  };
}

/** Checks the bundle's own consistency: schema, key, payload hash, report hash. */
export function validateBundle(raw: Buffer, key: string): SessionBundle {
  const { json, data: b } = parseJsonBody(raw, sessionBundle, { type: PROBLEM.invalidBundle, title: 'Invalid bundle', noun: 'bundle', format: 'player1.session-bundle/1' });
  if (b.bundle_id.toLowerCase() !== key.toLowerCase()) {
    throw new HttpProblem(422, PROBLEM.invalidBundle, 'Invalid bundle', `bundle_id ${b.bundle_id} is not the Idempotency-Key ${key}`);
  }
  // The hash is over the payload exactly as sent (unknown members included), in canonical form.
  const payloadSha = sha256(stableJson((json as { payload: unknown }).payload));
  if (payloadSha !== b.payload_sha256) {
    throw new HttpProblem(422, PROBLEM.invalidBundle, 'Invalid bundle', `payload_sha256 does not match the payload (computed ${payloadSha}): the bundle was damaged on the way or built wrong`);
  }
  if (b.payload.session.id !== b.session_id) {
    throw new HttpProblem(422, PROBLEM.invalidBundle, 'Invalid bundle', `session_id ${b.session_id} is not the payload's session ${b.payload.session.id}`);
  }
  const report = b.payload.report;
  if (report) {
    let html: Buffer;
    try {
      html = gunzipSync(Buffer.from(report.data, 'base64'));
    } catch {
      throw new HttpProblem(422, PROBLEM.invalidBundle, 'Invalid bundle', 'the report is not valid gzip+base64');
    }
    if (html.length !== report.size || sha256(html) !== report.sha256) {
      throw new HttpProblem(422, PROBLEM.invalidBundle, 'Invalid bundle', 'the report does not match its sha256/size');
    }
  }
  return b;
}

export async function intakeBundle(pool: Pool, owner: TokenOwner, key: string | undefined, raw: Buffer, limits: IntakeLimits): Promise<IntakeAnswer> {
  if (!key) throw new HttpProblem(400, PROBLEM.badRequest, 'Idempotency-Key missing', 'send the bundle id as the Idempotency-Key header');
  if (!isUuid(key)) throw new HttpProblem(400, PROBLEM.badRequest, 'Idempotency-Key invalid', 'the Idempotency-Key must be a UUID (the bundle id)');
  const bundleId = key.toLowerCase();
  const requestSha = sha256(raw);

  const existing = await pool.query<ExistingRow>(
    'SELECT team_id, request_sha256, status, response_status, response_body FROM bundles WHERE bundle_id = $1',
    [bundleId],
  );
  if (existing.rows[0]) return answerExisting(existing.rows[0], owner, requestSha, bundleId);

  const bundle = validateBundle(raw, bundleId);

  const waiting = await pool.query<{ n: string }>(
    "SELECT count(*) AS n FROM bundles WHERE team_id = $1 AND status = 'accepted'",
    [owner.teamId],
  );
  if (Number(waiting.rows[0].n) >= limits.maxWaitingPerTeam) {
    throw new HttpProblem(429, PROBLEM.rateLimited, 'Too many bundles waiting', `${waiting.rows[0].n} bundles of this team are waiting to be processed; send again later`, {
      headers: { 'retry-after': '5' },
    });
  }

  const accepted = { bundle_id: bundleId, status: 'accepted', status_url: statusUrl(bundleId) };
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const ins = await c.query(
      `INSERT INTO bundles (bundle_id, team_id, session_id, revision, request_sha256, status, response_status, response_body, body)
       VALUES ($1, $2, $3, $4, $5, 'accepted', 202, $6, $7)
       ON CONFLICT (bundle_id) DO NOTHING RETURNING bundle_id`,
      [bundleId, owner.teamId, bundle.session_id, bundle.revision, requestSha, JSON.stringify(accepted), raw],
    );
    if (ins.rowCount === 0) {
      // Another request with this key committed while this one was validating.
      await c.query('ROLLBACK');
      const again = await pool.query<ExistingRow>(
        'SELECT team_id, request_sha256, status, response_status, response_body FROM bundles WHERE bundle_id = $1',
        [bundleId],
      );
      return answerExisting(again.rows[0], owner, requestSha, bundleId);
    }
    const held = await c.query<{ revision: number }>('SELECT revision FROM sessions WHERE team_id = $1 AND session_id = $2', [owner.teamId, bundle.session_id]);
    const current = held.rows[0]?.revision;
    let answer: IntakeAnswer;
    if (current !== undefined && current >= bundle.revision) {
      const problem = {
        type: PROBLEM.superseded,
        title: 'Superseded',
        status: 409,
        detail: `the server holds revision ${current} of session ${bundle.session_id}; revision ${bundle.revision} is older and was not stored`,
        current_revision: current,
      };
      await c.query(
        "UPDATE bundles SET status = 'superseded', detail = $2, response_status = 409, response_body = $3, body = NULL, processed_at = clock_timestamp() WHERE bundle_id = $1",
        [bundleId, problem.detail, JSON.stringify(problem)],
      );
      answer = { status: 409, body: problem, headers: {}, problem: true };
    } else {
      answer = { status: 202, body: accepted, headers: { location: statusUrl(bundleId) }, problem: false };
    }
    await faultPause('intake', bundleId);
    await c.query('COMMIT');
    return answer;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}
