/**
 * Applies accepted bundles, one transaction each: the session row keeps the latest revision
 * (`ON CONFLICT … WHERE sessions.revision < excluded.revision`), its per-player metrics and the
 * roster are replaced with it, and the bundle is marked applied, or superseded when the server
 * already holds a newer revision. `FOR UPDATE SKIP LOCKED` lets every server process on the
 * database take bundles without two taking the same one; nothing but the database holds state.
 */
import type { Pool } from 'pg';
import { gunzipSync } from 'node:zlib';
import type { SessionBundle } from '../shared/domain/sync-bundle.ts';
import { faultPause } from './fault-hook.ts';

interface MetricsPlayer {
  device_id: string;
  player_name: string;
  [k: string]: unknown;
}

export class BundleProcessor {
  private readonly pool: Pool;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private current: Promise<void> = Promise.resolve();
  private readonly log: (msg: string) => void;

  constructor(pool: Pool, opts: { pollMs?: number; log?: (msg: string) => void } = {}) {
    this.pool = pool;
    this.pollMs = opts.pollMs ?? 500;
    this.log = opts.log ?? ((m) => process.stderr.write(`${m}\n`));
  }

  start(): void {
    this.schedule(0);
  }

  /** Something was accepted: look now rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.current = this.drain();
    }, ms);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.applyOne())) {
          // keep going while there is work
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      this.log(`[processor] ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running = false;
      this.schedule(this.pollMs);
    }
  }

  /** Applies the oldest waiting bundle; false when none waits. */
  async applyOne(): Promise<boolean> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const r = await c.query<{ bundle_id: string; team_id: string; session_id: string; revision: number; body: Buffer }>(
        `SELECT bundle_id, team_id, session_id, revision, body FROM bundles WHERE status = 'accepted'
         ORDER BY received_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const row = r.rows[0];
      if (!row) {
        await c.query('COMMIT');
        return false;
      }
      const b = JSON.parse(row.body.toString('utf8')) as SessionBundle;
      const p = b.payload;
      const report = p.report ? { gz: Buffer.from(p.report.data, 'base64'), sha: p.report.sha256, size: p.report.size } : null;
      if (report) gunzipSync(report.gz); // checked at intake; a damaged row fails here, not in a reader's browser
      const { report: _omit, ...payloadWithoutReport } = p;
      void _omit;
      const up = await c.query(
        `INSERT INTO sessions (team_id, session_id, revision, bundle_id, name, start_ms, end_ms, algorithm_version, payload, report_gz, report_sha256, report_size)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (team_id, session_id) DO UPDATE SET
           revision = excluded.revision, bundle_id = excluded.bundle_id, name = excluded.name, start_ms = excluded.start_ms,
           end_ms = excluded.end_ms, algorithm_version = excluded.algorithm_version, payload = excluded.payload,
           report_gz = excluded.report_gz, report_sha256 = excluded.report_sha256, report_size = excluded.report_size,
           updated_at = clock_timestamp()
         WHERE sessions.revision < excluded.revision
         RETURNING session_id`,
        [row.team_id, row.session_id, row.revision, row.bundle_id, p.session.name, p.session.start_ms, p.session.end_ms, p.algorithm_version,
          JSON.stringify(payloadWithoutReport), report?.gz ?? null, report?.sha ?? null, report?.size ?? null],
      );
      if (up.rowCount === 0) {
        const held = await c.query<{ revision: number }>('SELECT revision FROM sessions WHERE team_id = $1 AND session_id = $2', [row.team_id, row.session_id]);
        await c.query(
          "UPDATE bundles SET status = 'superseded', detail = $2, body = NULL, processed_at = clock_timestamp() WHERE bundle_id = $1",
          [row.bundle_id, `the server already held revision ${held.rows[0]?.revision} of this session when revision ${row.revision} was processed`],
        );
      } else {
        await c.query('DELETE FROM session_players WHERE team_id = $1 AND session_id = $2', [row.team_id, row.session_id]);
        const byDevice = new Map(p.participants.map((x) => [x.device_id, x]));
        for (const mp of p.metrics.players as MetricsPlayer[]) {
          const who = byDevice.get(mp.device_id);
          await c.query(
            'INSERT INTO session_players (team_id, session_id, player_id, player_name, device_id, metrics) VALUES ($1, $2, $3, $4, $5, $6)',
            [row.team_id, row.session_id, who?.player_id ?? `device:${mp.device_id}`, mp.player_name, mp.device_id, JSON.stringify(mp)],
          );
        }
        // The roster as of this session: a row set by a later session (as_of_ms) is left as it is,
        // so bundles arriving out of order never move a unit back to whoever wore it earlier.
        const asOf = p.session.start_ms;
        for (const x of p.participants) {
          await c.query(
            `INSERT INTO roster_players (team_id, player_id, name, position, as_of_ms) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (team_id, player_id) DO UPDATE SET name = excluded.name, position = excluded.position, as_of_ms = excluded.as_of_ms, updated_at = clock_timestamp()
             WHERE roster_players.as_of_ms IS NULL OR roster_players.as_of_ms <= excluded.as_of_ms`,
            [row.team_id, x.player_id, x.player_name, x.position, asOf],
          );
          // Every unit the player wore (a pod and a watch or a strap): a laptop before `units` sent its main unit alone.
          for (const u of x.units ?? [{ unit_id: x.unit_id, device_id: x.device_id }]) {
            await c.query(
              `INSERT INTO roster_units (team_id, unit_id, device_id, player_id, as_of_ms) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (team_id, unit_id) DO UPDATE SET device_id = excluded.device_id, player_id = excluded.player_id, as_of_ms = excluded.as_of_ms, updated_at = clock_timestamp()
               WHERE roster_units.as_of_ms IS NULL OR roster_units.as_of_ms <= excluded.as_of_ms`,
              [row.team_id, u.unit_id, u.device_id, x.player_id, asOf],
            );
          }
        }
        await c.query("UPDATE bundles SET status = 'applied', body = NULL, processed_at = clock_timestamp() WHERE bundle_id = $1", [row.bundle_id]);
      }
      await faultPause('apply', row.bundle_id);
      await c.query('COMMIT');
      return true;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }
}
