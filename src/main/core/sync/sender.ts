/**
 * The sender: takes due bundles from the outbox and pushes them (docs/sync.md, "What the server
 * answers"). Each outcome is written to the outbox row before the next step, so a restart, or a
 * kill -9 mid-send, resumes where it was: a row claimed by a sender that is gone (its pid and
 * start time, util/process-identity.ts) is taken over at once and goes again with the same bytes
 * and key (the server replays its answer); a live sender's row comes back when its lease ends.
 */
import type { SyncStatus } from '../../../shared/api/sync.contract.ts';
import type { OutboxRepo, OutboxRow } from './outbox.repo.ts';
import type { TokenStore } from './token-store.ts';
import { nodeTransport, NetworkError, type HttpAnswer, type SyncTransport } from './http-transport.ts';
import { DEFAULT_BACKOFF, fullJitterDelay, parseRetryAfter, type BackoffPolicy } from './backoff.ts';
import { sha256Hex } from './bundle-builder.ts';

export interface SenderOptions {
  repo: OutboxRepo;
  tokens: TokenStore;
  transport?: SyncTransport;
  clock?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Bundles sent at once (default 2). */
  concurrency?: number;
  /** How long a claimed row is this sender's (default 5 min; longer than any request). A row of a sender that is gone is taken over at once. */
  leaseMs?: number;
  /** One request's time limit (default 120 s). */
  timeoutMs?: number;
  /** How soon to ask for an accepted bundle's status when the server gives no Retry-After (default 2 s). */
  pollMs?: number;
  /** A bundle failing this long (default 30 days) goes to the failed list. */
  giveUpAfterMs?: number;
  /** The status changed (for the sync:changed event). */
  onChange?: (status: SyncStatus) => void;
  log?: (msg: string) => void;
}

interface Problem {
  type?: string;
  title?: string;
  detail?: string;
}

function problemOf(a: HttpAnswer): Problem {
  try {
    const j = JSON.parse(a.body.toString('utf8')) as Problem;
    return j && typeof j === 'object' ? j : {};
  } catch {
    return {};
  }
}

function reasonOf(a: HttpAnswer): string {
  const p = problemOf(a);
  const text = p.detail ?? p.title ?? (a.body.length > 0 && a.body.length < 300 ? a.body.toString('utf8').trim() : '');
  return `${text || 'no reason given'} (HTTP ${a.status})`;
}

export class SyncSender {
  private readonly o: Required<Omit<SenderOptions, 'onChange' | 'log' | 'transport'>> & Pick<SenderOptions, 'onChange'> & { transport: SyncTransport; log: (m: string) => void };
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private hasToken = false;
  private sending = false;

  constructor(opts: SenderOptions) {
    this.o = {
      transport: nodeTransport,
      clock: Date.now,
      random: Math.random,
      backoff: DEFAULT_BACKOFF,
      concurrency: 2,
      leaseMs: 5 * 60_000,
      timeoutMs: 120_000,
      pollMs: 2_000,
      giveUpAfterMs: 30 * 24 * 3600_000,
      log: (m) => console.warn(`[sync] ${m}`),
      ...opts,
    } as SyncSender['o'];
  }

  async refreshToken(): Promise<void> {
    this.hasToken = (await this.o.tokens.get().catch(() => null)) !== null;
  }

  status(): SyncStatus {
    const c = this.o.repo.counts();
    const cfg = this.o.repo.config();
    return {
      configured: cfg.server_url !== null && this.hasToken,
      serverUrl: cfg.server_url,
      hasToken: this.hasToken,
      pending: c.pending + c.accepted,
      failed: c.failed,
      superseded: c.superseded,
      synced: c.synced,
      lastSuccessAt: cfg.last_success_at,
      lastError: cfg.last_error && cfg.last_error_at !== null ? { message: cfg.last_error, at: cfg.last_error_at } : null,
      needsToken: cfg.auth_failed_at !== null,
      sending: this.sending,
      nextAttemptAt: this.o.repo.nextDue(this.o.clock()),
    };
  }

  changed(): void {
    try {
      this.o.onChange?.(this.status());
    } catch (err) {
      this.o.log(`status listener failed: ${String(err)}`);
    }
  }

  /** Sends in the background from now on, waking when a row is due. */
  start(): void {
    this.stopped = false;
    void this.refreshToken().then(() => this.kick());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pass;
  }

  /** Look now (something was queued, a setting changed, "Sync now"). */
  kick(): void {
    if (this.stopped) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pass = this.runPasses().finally(() => {
      this.pass = null;
      this.schedule();
    });
  }

  private async runPasses(): Promise<void> {
    do {
      this.again = false;
      await this.runOnce();
    } while (this.again && !this.stopped);
  }

  private schedule(): void {
    if (this.stopped) return;
    const next = this.o.repo.nextDue(this.o.clock());
    if (next === null || this.o.repo.config().auth_failed_at !== null) return;
    // Wake at the next due row (at most a minute from now: another process may have queued meanwhile).
    const wait = Math.min(Math.max(next - this.o.clock(), 0), 60_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, wait);
    this.timer.unref?.();
  }

  /**
   * Sends every row due now, `concurrency` at a time, until none is due (rows that become due
   * meanwhile, like an accepted bundle's status check, are taken too). Returns how many requests it made.
   */
  async runOnce(): Promise<number> {
    const cfg = this.o.repo.config();
    if (!cfg.server_url || cfg.auth_failed_at !== null) return 0;
    const token = await this.o.tokens.get().catch(() => null);
    this.hasToken = token !== null;
    if (!token) return 0;
    let made = 0;
    this.sending = true;
    this.changed();
    try {
      for (;;) {
        if (this.o.repo.config().auth_failed_at !== null) break;
        const rows = this.o.repo.claimDue(this.o.clock(), this.o.concurrency, this.o.leaseMs);
        if (rows.length === 0) break;
        await Promise.all(rows.map((r) => this.sendOne(r, cfg.server_url!, token, cfg.ca_file).catch((err: unknown) => {
          this.o.log(`bundle ${r.bundle_id}: ${err instanceof Error ? err.message : String(err)}`);
          this.o.repo.release(r.id);
        })));
        made += rows.length;
        this.changed();
        if (this.stopped) break;
      }
    } finally {
      this.sending = false;
      this.changed();
    }
    return made;
  }

  /** Sends until nothing is waiting, or the deadline (the CLI). Waits between attempts, never past the deadline. */
  async drain(deadline: number): Promise<void> {
    for (;;) {
      await this.runOnce();
      const cfg = this.o.repo.config();
      const next = this.o.repo.nextDue(this.o.clock());
      if (next === null || cfg.auth_failed_at !== null || !cfg.server_url || !this.hasToken) return;
      const now = this.o.clock();
      if (next >= deadline) return;
      await new Promise((r) => setTimeout(r, Math.max(0, next - now) + 1));
    }
  }

  private async sendOne(row: OutboxRow, serverUrl: string, token: string, caFile: string | null): Promise<void> {
    const { repo, clock } = this.o;
    const base = serverUrl.replace(/\/+$/, '');
    const auth = { authorization: `Bearer ${token}`, accept: 'application/json, application/problem+json' };
    let answer: HttpAnswer;
    try {
      if (row.state === 'pending') {
        // The frozen bytes must still be the ones queued: a damaged row is never sent.
        if (!row.body || sha256Hex(row.body) !== row.body_sha256) {
          repo.markDone(row.id, 'failed', row.kind === 'roster-deletion'
            ? 'the queued deletion changed on disk after it was queued (its SHA-256 no longer matches); it was not sent'
            : 'the queued bundle changed on disk after it was queued (its SHA-256 no longer matches); it was not sent: process the session again', null, clock());
          return;
        }
        // A roster deletion (docs/sync.md, "Roster deletions") is applied at once: 200, never 202.
        answer = await this.o.transport.request({
          method: 'POST',
          url: `${base}/v1/${row.kind === 'roster-deletion' ? 'roster-deletions' : 'session-bundles'}`,
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': row.bundle_id },
          body: row.body,
          timeoutMs: this.o.timeoutMs,
          caFile,
        });
      } else {
        answer = await this.o.transport.request({
          method: 'GET',
          url: new URL(row.status_url ?? `/v1/session-bundles/${row.bundle_id}`, `${base}/`).toString(),
          headers: auth,
          timeoutMs: this.o.timeoutMs,
          caFile,
        });
      }
    } catch (err) {
      const message = err instanceof NetworkError || err instanceof Error ? err.message : String(err);
      this.retry(row, `could not reach the server: ${message}`, null, null);
      return;
    }
    const now = clock();
    const retryAfter = parseRetryAfter(answer.headers['retry-after'], now);
    const s = answer.status;

    if (s === 401) {
      // Every bundle waits until a new token is saved; this one is not counted as a failed attempt.
      repo.release(row.id);
      repo.setAuthFailed(now);
      repo.noteError(`the server refused the token (${problemOf(answer).detail ?? 'unknown or revoked'}): enter a new token in the sync settings`, now);
      return;
    }
    if (row.state === 'pending') {
      if (row.kind === 'roster-deletion' && (s === 200 || s === 201)) {
        repo.markSynced(row, s, now);
        repo.noteSuccess(now);
        return;
      }
      if (s === 202 || s === 200 || s === 201) {
        const location = answer.headers.location ?? `/v1/session-bundles/${row.bundle_id}`;
        repo.markAccepted(row.id, location, now, now + (retryAfter ?? this.o.pollMs));
        return;
      }
      if (s === 409) {
        const p = problemOf(answer);
        if (p.type === 'urn:player1:sync:superseded') {
          repo.markDone(row.id, 'superseded', p.detail ?? 'the server holds a newer revision of this session', 409, now);
          return;
        }
        // In flight: the same bundle is still being processed; ask again when told.
        repo.markRetry(row.id, reasonOf(answer), 409, now, now + (retryAfter ?? this.o.pollMs), false);
        return;
      }
    } else if (s === 200) {
      let st: { status?: string; detail?: string | null } = {};
      try {
        st = JSON.parse(answer.body.toString('utf8')) as typeof st;
      } catch {
        // fall through: an unreadable status is retried below
      }
      if (st.status === 'applied') {
        repo.markSynced(row, 200, now);
        repo.noteSuccess(now);
        return;
      }
      if (st.status === 'superseded') {
        repo.markDone(row.id, 'superseded', st.detail ?? 'the server holds a newer revision of this session', 409, now);
        return;
      }
      if (st.status === 'rejected') {
        repo.markDone(row.id, 'failed', `${st.detail ?? 'the server could not apply it'} (refused after upload)`, 200, now);
        return;
      }
      if (st.status === 'accepted') {
        repo.markRetry(row.id, 'sent; waiting for the server to apply it', 200, now, now + (retryAfter ?? this.o.pollMs), false);
        return;
      }
    } else if (s === 404) {
      // The server no longer knows the bundle (its database was restored from before it): send it again.
      repo.backToPending(row.id, now);
      return;
    }
    if (s === 429 || s === 503 || s === 408 || s >= 500) {
      this.retry(row, `the server answered: ${reasonOf(answer)}`, s, retryAfter);
      return;
    }
    if (s >= 400 && s < 500) {
      // A permanent refusal: never retried by itself; shown with the server's reason.
      repo.markDone(row.id, 'failed', reasonOf(answer), s, now);
      return;
    }
    this.retry(row, `unexpected answer from the server (HTTP ${s})`, s, retryAfter);
  }

  private retry(row: OutboxRow, reason: string, httpStatus: number | null, retryAfterMs: number | null): void {
    const now = this.o.clock();
    const first = row.first_attempt_at ?? now;
    if (now - first >= this.o.giveUpAfterMs) {
      this.o.repo.markDone(row.id, 'failed', `gave up after ${row.attempts + 1} attempts over ${Math.round((now - first) / 86_400_000)} days; last: ${reason}`, httpStatus, now);
      return;
    }
    const delay = retryAfterMs ?? fullJitterDelay(row.attempts + 1, this.o.backoff, this.o.random);
    this.o.repo.markRetry(row.id, reason, httpStatus, now, now + delay);
    this.o.repo.noteError(reason, now);
  }
}
