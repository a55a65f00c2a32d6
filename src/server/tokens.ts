/**
 * Laptop tokens: `p1s_` + 32 random bytes (base64url). Only the SHA-256 of a token is stored; the
 * token itself is printed once at creation. A token belongs to one team and sees only its data.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

export interface TokenOwner {
  tokenId: string;
  teamId: string;
  teamName: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createToken(pool: Pool, teamName: string, label = ''): Promise<{ id: string; token: string; team: string }> {
  const team = teamName.trim();
  if (!team) throw new Error('give the team a name: --team NAME');
  const token = `p1s_${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const t = await c.query<{ id: string }>(
      'INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id',
      [team],
    );
    await c.query('INSERT INTO tokens (id, team_id, token_sha256, label) VALUES ($1, $2, $3, $4)', [id, t.rows[0].id, hashToken(token), label]);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
  return { id, token, team };
}

/** Revokes by token id (as printed at creation) or by the token itself; false when none matched. */
export async function revokeToken(pool: Pool, idOrToken: string): Promise<boolean> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrToken);
  const r = await pool.query(
    `UPDATE tokens SET revoked_at = now() WHERE revoked_at IS NULL AND ${isId ? 'id = $1' : 'token_sha256 = $1'}`,
    [isId ? idOrToken : hashToken(idOrToken)],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function listTokens(pool: Pool): Promise<{ id: string; team: string; label: string; created_at: Date; revoked_at: Date | null }[]> {
  return (
    await pool.query(
      'SELECT k.id, t.name AS team, k.label, k.created_at, k.revoked_at FROM tokens k JOIN teams t ON t.id = k.team_id ORDER BY t.name, k.created_at',
    )
  ).rows;
}

/** The team a live token belongs to, or null (unknown or revoked). */
export async function authenticate(pool: Pool, token: string): Promise<TokenOwner | null> {
  if (!token || token.length > 200) return null;
  const r = await pool.query<{ id: string; team_id: string; name: string }>(
    'SELECT k.id, k.team_id, t.name FROM tokens k JOIN teams t ON t.id = k.team_id WHERE k.token_sha256 = $1 AND k.revoked_at IS NULL',
    [hashToken(token)],
  );
  const row = r.rows[0];
  return row ? { tokenId: row.id, teamId: String(row.team_id), teamName: row.name } : null;
}
