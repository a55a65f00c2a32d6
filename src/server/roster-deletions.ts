/**
 * POST /v1/roster-deletions (docs/sync.md, "Roster deletions"): a player or unit deleted on a
 * laptop. Validated, then stored keyed by its deletion id (the Idempotency-Key) in one statement
 * (`ON CONFLICT DO NOTHING`), and applied at once: GET /v1/roster leaves the record out for the
 * whole team from that commit on. A retry with the same key and bytes gets the same answer
 * (`Idempotent-Replayed: true`); the same key with other bytes, or another team's key, 422.
 */
import type { Pool } from 'pg';
import { rosterDeletion, ROSTER_DELETION_FORMAT, type RosterDeletion } from '../shared/domain/roster-deletion.ts';
import { isUuid } from '../shared/domain/sync-bundle.ts';
import { HttpProblem, PROBLEM } from './problem.ts';
import { parseJsonBody, sha256 } from './json-request.ts';
import type { TokenOwner } from './tokens.ts';

export interface DeletionAnswer {
  status: 200;
  body: { deletion_id: string; status: 'applied'; kind: RosterDeletion['kind']; id: string };
  headers: Record<string, string>;
}


interface ExistingRow {
  team_id: string;
  request_sha256: string;
  kind: RosterDeletion['kind'];
  record_id: string;
}

function answerExisting(row: ExistingRow, owner: TokenOwner, requestSha: string, key: string): DeletionAnswer {
  if (String(row.team_id) !== owner.teamId || row.request_sha256 !== requestSha) {
    throw new HttpProblem(422, PROBLEM.keyReused, 'Idempotency key reused', `the Idempotency-Key ${key} was already used for a different deletion; a new deletion needs a new key`);
  }
  return { status: 200, body: { deletion_id: key, status: 'applied', kind: row.kind, id: row.record_id }, headers: { 'idempotent-replayed': 'true' } };
}

export function validateDeletion(raw: Buffer, key: string): RosterDeletion {
  const { data } = parseJsonBody(raw, rosterDeletion, { type: PROBLEM.invalidDeletion, title: 'Invalid deletion', noun: 'deletion', format: ROSTER_DELETION_FORMAT });
  if (data.deletion_id.toLowerCase() !== key.toLowerCase()) {
    throw new HttpProblem(422, PROBLEM.invalidDeletion, 'Invalid deletion', `deletion_id ${data.deletion_id} is not the Idempotency-Key ${key}`);
  }
  return data;
}

export async function intakeDeletion(pool: Pool, owner: TokenOwner, key: string | undefined, raw: Buffer): Promise<DeletionAnswer> {
  if (!key) throw new HttpProblem(400, PROBLEM.badRequest, 'Idempotency-Key missing', 'send the deletion id as the Idempotency-Key header');
  if (!isUuid(key)) throw new HttpProblem(400, PROBLEM.badRequest, 'Idempotency-Key invalid', 'the Idempotency-Key must be a UUID (the deletion id)');
  const id = key.toLowerCase();
  const requestSha = sha256(raw);
  const find = () => pool.query<ExistingRow>('SELECT team_id, request_sha256, kind, record_id FROM roster_deletions WHERE deletion_id = $1', [id]);
  const existing = await find();
  if (existing.rows[0]) return answerExisting(existing.rows[0], owner, requestSha, id);
  const d = validateDeletion(raw, id);
  const ins = await pool.query(
    `INSERT INTO roster_deletions (deletion_id, team_id, kind, record_id, label, device_id, deleted_at_ms, request_sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (deletion_id) DO NOTHING RETURNING deletion_id`,
    [id, owner.teamId, d.kind, d.id, d.label, d.device_id, d.deleted_at_ms, requestSha],
  );
  // Another request with this key committed while this one was validating: answer as a replay.
  if (ins.rowCount === 0) return answerExisting((await find()).rows[0], owner, requestSha, id);
  return { status: 200, body: { deletion_id: id, status: 'applied', kind: d.kind, id: d.id }, headers: {} };
}
