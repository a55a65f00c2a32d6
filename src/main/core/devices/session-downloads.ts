/**
 * The app flow of a download (docs/device-protocol.md, "App flow"): for a session, download from
 * each unit in parallel the recordings overlapping its window, then, per unit, record every
 * landed file (device, recording id, sha256, times, clock offset) and link it to the session for
 * the unit's player, with the clock offset the worker will apply. Pushes devices:progress /
 * devices:done / devices:failed, and keeps each device's last status for the Devices page.
 */
import type {
  DownloadDoneView,
  DownloadFailedView,
  DownloadStarted,
  DownloadStatus,
  LandedFileView,
} from '../../../shared/api/devices.contract.ts';
import { ACTIVE_STATUSES, type Session } from '../../../shared/domain/session.ts';
import type { Db } from '../db/database.ts';
import type { DownloadsRepo } from '../db/downloads.repo.ts';
import type { PlayersRepo } from '../db/players.repo.ts';
import type { SessionsRepo } from '../db/sessions.repo.ts';
import type { UnitsRepo } from '../db/units.repo.ts';
import type { EventBus } from '../events.ts';
import type { DeviceRuntime } from './device-runtime.ts';
import { landedFormat, landedSourceName } from './landed-format.ts';
import type { DetectFormat } from './landed-format.ts';
import { rosterCode } from './roster-code.ts';
import type { DeviceInfo, DownloadOutcome } from './types.ts';

export interface SessionDownloadsDeps {
  runtime: DeviceRuntime;
  db: Db;
  repos: { sessions: SessionsRepo; units: UnitsRepo; players: PlayersRepo; downloads: DownloadsRepo };
  events: EventBus;
  clock: () => number;
  detectFormat?: DetectFormat;
  /** Files just linked to a session (by content): the core decodes them into the decoded cache. */
  onLinked?: (sessionId: string, sha256s: string[]) => void;
}

export class SessionDownloads {
  private readonly d: SessionDownloadsDeps;
  private readonly status = new Map<string, DownloadStatus>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(deps: SessionDownloadsDeps) {
    this.d = deps;
    deps.runtime.service.on('progress', (p) => {
      const st = this.status.get(p.deviceId);
      if (!st || st.state !== 'running') return;
      const v = { deviceId: p.deviceId, unitId: p.unitId, sessionId: st.sessionId, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, rateBps: p.rateBps, etaMs: p.etaMs };
      this.status.set(p.deviceId, { state: 'running', ...v });
      deps.events.emit('devices:progress', v);
    });
  }

  /** The last download of each device in this run of the app. */
  statuses(): DownloadStatus[] {
    return [...this.status.values()];
  }

  isRunning(deviceId: string): boolean {
    return this.running.has(deviceId);
  }

  /** Starts the downloads (every connected unit that can, or those named) and answers at once. */
  start(session: Session, deviceIds?: string[]): DownloadStarted {
    const connected = this.d.runtime.service.list();
    const targets: (DeviceInfo | string)[] = deviceIds
      ? deviceIds.map((id) => connected.find((u) => u.deviceId === id) ?? id)
      : connected.filter((u) => u.capabilities.download);
    const out: DownloadStarted = { sessionId: session.id, started: [], skipped: [] };
    for (const t of targets) {
      if (typeof t === 'string') {
        out.skipped.push({ deviceId: t, unitId: t, reason: `${t} is not connected` });
      } else if (!t.capabilities.download) {
        out.skipped.push({ deviceId: t.deviceId, unitId: t.unitId, reason: `${t.unitId} records live: it has nothing to download` });
      } else if (this.running.has(t.deviceId) || this.d.runtime.service.isBusy(t.deviceId)) {
        out.skipped.push({ deviceId: t.deviceId, unitId: t.unitId, reason: `${t.unitId} is already downloading` });
      } else {
        out.started.push(t.deviceId);
        const v = { deviceId: t.deviceId, unitId: t.unitId, sessionId: session.id, bytesDone: 0, bytesTotal: 0, rateBps: 0, etaMs: null };
        this.status.set(t.deviceId, { state: 'running', ...v });
        this.d.events.emit('devices:progress', v);
        const flow = this.runOne(t, session).finally(() => this.running.delete(t.deviceId));
        this.running.set(t.deviceId, flow);
      }
    }
    return out;
  }

  /** Resolves when every running download has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async runOne(unit: DeviceInfo, session: Session): Promise<void> {
    try {
      await this.download(unit, session);
    } finally {
      // The unit is free again: re-announce it (its `busy` flag) if it is still connected.
      const now = this.d.runtime.service.list().find((u) => u.deviceId === unit.deviceId);
      if (now) this.d.events.emit('devices:attached', this.d.runtime.view(now));
    }
  }

  private async download(unit: DeviceInfo, session: Session): Promise<void> {
    let outcome: DownloadOutcome;
    try {
      [outcome] = await this.d.runtime.service.download({ deviceIds: [unit.deviceId], window: { startMs: session.startMs, endMs: session.endMs } });
    } catch (e) {
      outcome = { ok: false, deviceId: unit.deviceId, unitId: unit.unitId, code: 'IO', message: `${unit.unitId}: ${(e as Error).message}`, bytesVerified: 0 };
    }
    if (!outcome.ok) {
      // Recordings that landed before the failure are recorded and linked now, not at some later
      // successful download: what is stored is never left invisible (nor unerasable).
      let note = '';
      const landed = outcome.landed ?? [];
      if (landed.length > 0) {
        const n = landed.length === 1 ? '1 recording' : `${landed.length} recordings`;
        try {
          const linked = this.link(unit, { ok: true, deviceId: outcome.deviceId, unitId: outcome.unitId, files: landed }, session.id);
          // The link's own caveats (the session being processed, no player for the unit) are said as they are.
          const how = linked.warnings.length > 0 ? `stored (${linked.warnings.join('; ')})` : 'stored and linked to the session';
          note = `; ${n} downloaded before it ${landed.length === 1 ? 'is' : 'are'} ${how}`;
        } catch (e) {
          note = `; ${n} downloaded before it ${landed.length === 1 ? 'is' : 'are'} stored but could not be linked: ${(e as Error).message}`;
        }
      }
      this.fail({ deviceId: unit.deviceId, unitId: outcome.unitId, sessionId: session.id, code: outcome.code, message: `${outcome.message}${note}`, bytesVerified: outcome.bytesVerified });
      return;
    }
    let done: DownloadDoneView;
    try {
      done = this.link(unit, outcome, session.id);
    } catch (e) {
      this.fail({
        deviceId: unit.deviceId,
        unitId: unit.unitId,
        sessionId: session.id,
        code: 'IO',
        message: `${unit.unitId}: the files are stored but could not be linked to the session: ${(e as Error).message}`,
        bytesVerified: outcome.files.reduce((s, f) => s + f.size, 0),
      });
      return;
    }
    this.status.set(unit.deviceId, { state: 'done', ...done });
    this.d.events.emit('devices:done', done);
  }

  /**
   * The unit was just assigned to a player in a session: its last download into that session now
   * reads as linked to them (the assignment linked its files), not as "not assigned" any more.
   */
  assigned(deviceId: string, sessionId: string, player: { id: string; name: string }): void {
    const st = this.status.get(deviceId);
    if (!st || st.state !== 'done' || st.sessionId !== sessionId) return;
    const done: DownloadDoneView = {
      deviceId: st.deviceId,
      unitId: st.unitId,
      sessionId: st.sessionId,
      files: st.files,
      player,
      warnings: st.warnings.filter((w) => w !== notAssignedWarning(st.unitId) && !w.startsWith(`${st.unitId}: its usual wearer `)),
    };
    this.status.set(deviceId, { state: 'done', ...done });
    this.d.events.emit('devices:done', done);
  }

  private fail(f: DownloadFailedView): void {
    this.status.set(f.deviceId, { state: 'failed', ...f });
    this.d.events.emit('devices:failed', f);
  }

  /** Records the landed files and links them to the session, in one transaction. */
  private link(unit: DeviceInfo, outcome: Extract<DownloadOutcome, { ok: true }>, sessionId: string): DownloadDoneView {
    const { db, events, clock } = this.d;
    const { sessions, units, players, downloads } = this.d.repos;
    const now = clock();
    const files: LandedFileView[] = outcome.files.map((f) => ({
      recordingId: f.recordingId,
      sourceName: landedSourceName(unit.driver, f),
      format: landedFormat(unit.driver, f, this.d.detectFormat),
      size: f.size,
      sha256: f.sha256,
      startMs: f.startMs,
      endMs: f.endMs,
      clockOffsetMs: f.clockOffsetMs,
      clockUncertaintyMs: f.clockUncertaintyMs,
      alreadyStored: f.alreadyStored,
      resumedFromOffset: f.resumedFromOffset,
    }));
    const warnings: string[] = [];
    if (files.length === 0) warnings.push(`${unit.unitId}: no recording on the unit overlaps the session's window`);
    let createdUnit = false;
    let linked: Session | null = null;

    const player = db.transaction((): { id: string; name: string } | null => {
      const code = rosterCode(unit.unitId);
      let rosterUnit = units.findByDeviceId(code);
      if (!rosterUnit) {
        rosterUnit = units.create({ deviceId: code, label: unit.label.slice(0, 60), defaultPlayerId: null }, now);
        createdUnit = true;
      }
      const session = sessions.get(sessionId);
      for (const f of files) {
        downloads.record({
          deviceKey: unit.deviceId, unitCode: unit.unitId, unitId: rosterUnit.id, driver: unit.driver, recordingId: f.recordingId,
          sha256: f.sha256, format: f.format, size: f.size, startMs: f.startMs, endMs: f.endMs, clockOffsetMs: f.clockOffsetMs,
          sessionId: session ? sessionId : null, resumedFrom: f.resumedFromOffset, downloadedAt: now,
        });
      }
      if (!session) {
        warnings.push(`${unit.unitId}: the session was deleted during the download; the files are stored but linked to no session`);
        return null;
      }
      if (ACTIVE_STATUSES.includes(session.processingStatus)) {
        warnings.push(`${unit.unitId}: "${session.name}" is being processed, so the files are stored but not linked yet: download again when it has finished (nothing is transferred twice)`);
        return null;
      }
      for (const f of files) {
        sessions.attachFile(sessionId, { unitId: rosterUnit.id, format: f.format, size: f.size, sourceName: f.sourceName, sha256: f.sha256, clockOffsetMs: f.clockOffsetMs }, now);
      }
      linked = session;
      let playerId = sessions.participantByUnit(sessionId, rosterUnit.id);
      if (!playerId && rosterUnit.defaultPlayerId) {
        const usual = rosterUnit.defaultPlayerId;
        const other = sessions.unitOfPlayer(sessionId, usual);
        if (other && other !== rosterUnit.id) {
          // A watch or strap beside the player's pod: one player, several units, merged by kind.
          sessions.addParticipantUnit(sessionId, usual, rosterUnit.id);
          warnings.push(`${unit.unitId}: linked to its usual wearer ${players.get(usual)?.name ?? ''} beside ${units.get(other)?.deviceId ?? 'another unit'}, which they also wear in this session (the session page shows which unit each kind of data comes from); if someone else wore it today, assign it to them`);
        } else {
          sessions.upsertParticipant(sessionId, usual, rosterUnit.id);
        }
        playerId = usual;
      }
      if (!playerId) {
        if (!rosterUnit.defaultPlayerId) warnings.push(notAssignedWarning(unit.unitId));
        return null;
      }
      const p = players.get(playerId);
      return p ? { id: p.id, name: p.name } : null;
    })();

    if (createdUnit) events.emit('roster:changed', { kind: 'units' });
    const s = linked as Session | null;
    if (s) events.emit('sessions:changed', { sessionId, status: s.processingStatus, error: s.error });
    if (s && files.length > 0) this.d.onLinked?.(sessionId, files.map((f) => f.sha256));
    return { deviceId: unit.deviceId, unitId: unit.unitId, sessionId, files, player, warnings };
  }
}

/** What a download says of a unit with no player (and what an assignment later takes back). */
function notAssignedWarning(unitId: string): string {
  return `${unitId} is not assigned to a player: assign it to include its data in the report`;
}
