/**
 * Sync as the app and the CLI use it: the settings (server URL, CA file, token through the host's
 * TokenStore), the outbox (queued in the transaction that completes a run, see JobRunner's
 * onCompleting), and the background sender. Nothing is queued while no server is set; setting
 * one queues every completed session not yet queued at its current processing.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Db } from '../db/database.ts';
import type { SessionsRepo } from '../db/sessions.repo.ts';
import type { Session } from '../../../shared/domain/session.ts';
import type { RosterPullResult, SyncSettingsView, SyncStatus } from '../../../shared/api/sync.contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { OutboxRepo } from './outbox.repo.ts';
import { buildBundle, type BundleSource } from './bundle-builder.ts';
import { SyncSender, type SenderOptions } from './sender.ts';
import type { TokenStore } from './token-store.ts';
import { nodeTransport, type HttpAnswer } from './http-transport.ts';
import { mergeRoster, parseServerRoster } from './roster-pull.ts';
import { RosterTombstones } from './roster-tombstones.ts';

export interface SyncServiceDeps {
  db: Db;
  sessions: SessionsRepo;
  source: BundleSource;
  tokens: TokenStore;
  clock: () => number;
  onChange: (status: SyncStatus) => void;
  /** Test and CLI tuning of the sender (backoff, timeouts, transport). */
  sender?: Partial<Omit<SenderOptions, 'repo' | 'tokens' | 'onChange'>>;
}

export class SyncService {
  readonly outbox: OutboxRepo;
  readonly sender: SyncSender;
  private readonly d: SyncServiceDeps;

  constructor(deps: SyncServiceDeps) {
    this.d = deps;
    this.outbox = new OutboxRepo(deps.db);
    this.sender = new SyncSender({ clock: deps.clock, ...deps.sender, repo: this.outbox, tokens: deps.tokens, onChange: deps.onChange });
  }

  /** A server is set: completed runs are queued. */
  enabled(): boolean {
    return this.outbox.config().server_url !== null;
  }

  /**
   * JobRunner.onCompleting: builds the bundle now (outside the transaction: it reads and gzips the
   * report) and returns the write that runs inside the completing transaction.
   */
  prepare(session: Session, reportPath: string | null): (() => void) | null {
    if (!this.enabled()) return null;
    const bundleId = randomUUID();
    const revision = this.outbox.nextRevision(session.id);
    const now = this.d.clock();
    const built = buildBundle(this.d.source, session, reportPath, { bundleId, revision, now });
    return () => {
      this.outbox.insert(
        { bundleId, sessionId: session.id, sessionName: session.name, revision, processedAt: session.lastProcessedAt, body: built.body, bodySha256: built.bodySha256 },
        now,
      );
    };
  }

  /**
   * Queues every COMPLETED session whose current processing is not queued yet, and every roster
   * deletion not yet queued nor confirmed (docs/sync.md, "Roster deletions"); returns how many.
   */
  queueUnsent(): number {
    if (!this.enabled()) return 0;
    let n = new RosterTombstones(this.d.db).queueUnsent(this.d.clock());
    for (const s of this.d.sessions.list()) {
      if (s.processingStatus !== 'COMPLETED' || s.lastProcessedAt === null || !s.reportPath) continue;
      const last = this.outbox.lastQueuedProcessedAt(s.id);
      if (last !== null && last >= s.lastProcessedAt) continue;
      const full = this.d.sessions.get(s.id);
      if (!full || !existsSync(s.reportPath)) continue;
      const write = this.prepare(full, s.reportPath);
      if (!write) continue;
      // Queued only if the session is still as it was read (not re-processed meanwhile).
      this.outbox.transaction(() => {
        const now = this.d.sessions.get(s.id);
        if (now && now.processingStatus === 'COMPLETED' && now.lastProcessedAt === s.lastProcessedAt) {
          write();
          n++;
        }
      });
    }
    if (n > 0) this.sender.changed();
    return n;
  }

  async settings(): Promise<SyncSettingsView> {
    const cfg = this.outbox.config();
    await this.sender.refreshToken();
    return { serverUrl: cfg.server_url, caFile: cfg.ca_file, hasToken: this.sender.status().hasToken, tokenStorage: this.d.tokens.kind };
  }

  async saveSettings(input: { serverUrl: string | null; caFile: string | null; token?: string }): Promise<SyncSettingsView> {
    if (input.caFile && !existsSync(input.caFile)) {
      throw new AppError('VALIDATION', `the CA file ${input.caFile} does not exist`, { field: 'caFile' });
    }
    if (input.token !== undefined) {
      try {
        await this.d.tokens.set(input.token);
      } catch (err) {
        throw new AppError('UNAVAILABLE', `the token was not saved: ${err instanceof Error ? err.message : String(err)}`, { field: 'token' });
      }
    }
    const before = this.outbox.config();
    this.outbox.saveConfig(input.serverUrl, input.caFile);
    // A new token or another server: try again what the old one refused.
    if (input.token !== undefined || input.serverUrl !== before.server_url) {
      this.outbox.setAuthFailed(null);
      this.outbox.dueNow(this.d.clock());
    }
    await this.sender.refreshToken();
    this.queueUnsent();
    this.sender.changed();
    this.sender.kick();
    return this.settings();
  }

  status(): SyncStatus {
    return this.sender.status();
  }

  /**
   * The roster pull (docs/sync.md): GET /v1/roster with this laptop's token over the sender's
   * transport (same TLS verification and club CA), then the merge in one immediate transaction.
   * A 401 stops syncing and asks for a new token, as the sender does.
   */
  async pullRoster(): Promise<RosterPullResult> {
    const cfg = this.outbox.config();
    if (cfg.server_url === null) throw new AppError('INVALID_STATE', 'no central server is set: enter its address and token in the sync settings first');
    const token = await this.d.tokens.get().catch(() => null);
    if (!token) throw new AppError('INVALID_STATE', 'no token is saved for the central server: enter one in the sync settings');
    const transport = this.d.sender?.transport ?? nodeTransport;
    const url = `${cfg.server_url.replace(/\/+$/, '')}/v1/roster`;
    let answer: HttpAnswer;
    try {
      answer = await transport.request({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json, application/problem+json' },
        timeoutMs: this.d.sender?.timeoutMs ?? 120_000,
        caFile: cfg.ca_file,
      });
    } catch (err) {
      throw new AppError('UNAVAILABLE', `the roster could not be pulled: ${err instanceof Error ? err.message : String(err)}`);
    }
    const now = this.d.clock();
    let detail: string | undefined;
    try {
      detail = (JSON.parse(answer.body.toString('utf8')) as { detail?: string }).detail;
    } catch {
      detail = undefined;
    }
    if (answer.status === 401) {
      this.outbox.setAuthFailed(now);
      this.outbox.noteError(`the server refused the token (${detail ?? 'unknown or revoked'}): enter a new token in the sync settings`, now);
      this.sender.changed();
      throw new AppError('INVALID_STATE', `the server refused the token (${detail ?? 'unknown or revoked'}): enter a new token in the sync settings`);
    }
    if (answer.status !== 200) {
      throw new AppError('UNAVAILABLE', `the server did not give the roster: ${detail ?? 'no reason given'} (HTTP ${answer.status})`);
    }
    let roster;
    try {
      roster = parseServerRoster(JSON.parse(answer.body.toString('utf8')));
    } catch (err) {
      throw new AppError('UNAVAILABLE', err instanceof SyntaxError ? "the server's roster is not JSON" : (err as Error).message);
    }
    return mergeRoster(this.d.db, roster, now);
  }

  /** "Sync now": every waiting bundle is due now. */
  syncNow(): SyncStatus {
    this.outbox.dueNow(this.d.clock());
    this.sender.kick();
    return this.status();
  }
}
