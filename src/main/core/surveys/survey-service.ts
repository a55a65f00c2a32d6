/**
 * Player Feedback as a service over the database: answers as they are given, a session's
 * feedback and flags, CSV imports, unmatched players, availability, and each player's load over
 * time. Used by the contract handlers, the report and the CLI alike.
 */
import type { Db } from '../db/database.ts';
import type { SessionsRepo } from '../db/sessions.repo.ts';
import type { PlayersRepo } from '../db/players.repo.ts';
import type { SettingsRepo } from '../db/settings.repo.ts';
import { SurveysRepo } from '../db/surveys.repo.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { Session } from '../../../shared/domain/session.ts';
import {
  DEFAULT_SURVEY_SETTINGS,
  LOAD_MEASURES,
  SurveySettingsSchema,
  type AnswerKind,
  type ImportMapping,
  type ImportPreview,
  type SessionFeedback,
  type SurveyAnswer,
  type SurveyFlag,
  type SurveyImportResult,
  type SurveyScale,
  type SurveySettings,
} from '../../../shared/domain/survey.ts';
import type { Availability, PlayerLoad, PlayerOverview, PlayerSessionPoint, PlayerWellnessPoint } from '../../../shared/domain/load.ts';
import type { LoadMeasure } from '../../../shared/domain/survey.ts';
import { BUILT_IN_SCALES, RPE_SCALE, findScale, valueProblem } from './scales.ts';
import { sessionFeedback } from './feedback.ts';
import { addDays, dayNumber, localDay } from './days.ts';
import { guessMapping, planImport } from './csv-import.ts';
import { evaluateWellness, isEarlyRpe, earlyRpeFlag, loadMismatch, loadMismatchFlag, wellnessTotal, type Pronoun } from './flags.ts';
import { buildDailySeries, type DatedLoad } from '../load/daily-series.ts';
import { loadSeries } from '../load/load-series.ts';

const SETTINGS_KEY = 'surveys';
/** Without a record for this long, a player is no longer assumed available (rest days are 0 only while known). */
export const AVAILABLE_AFTER_LAST_RECORD_DAYS = 28;

export interface SurveyServiceDeps {
  db: Db;
  sessions: SessionsRepo;
  players: PlayersRepo;
  settings: SettingsRepo;
  timeZone: string;
  clock: () => number;
}

export class SurveyService {
  readonly repo: SurveysRepo;
  private readonly d: SurveyServiceDeps;
  constructor(d: SurveyServiceDeps) {
    this.d = d;
    this.repo = new SurveysRepo(d.db);
  }

  // ---- settings and scales ----
  settings(): { settings: SurveySettings; unreadable: boolean } {
    const r = this.d.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value_json: string } | undefined;
    if (!r) return { settings: DEFAULT_SURVEY_SETTINGS, unreadable: false };
    let raw: unknown = null;
    try {
      raw = JSON.parse(r.value_json);
    } catch {
      /* unreadable: defaults, named */
    }
    const p = SurveySettingsSchema.safeParse(raw);
    return p.success ? { settings: p.data, unreadable: false } : { settings: DEFAULT_SURVEY_SETTINGS, unreadable: true };
  }
  updateSettings(patch: Record<string, unknown>): SurveySettings {
    const cur = this.settings().settings;
    const merged: Record<string, unknown> = { ...cur, ...patch };
    for (const k of ['headline', 'acwrBands'] as const) if (patch[k]) merged[k] = { ...cur[k], ...(patch[k] as object) };
    const p = SurveySettingsSchema.safeParse(merged);
    if (!p.success) {
      const issues = p.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError('VALIDATION', `survey settings: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    const ws = p.data.wellnessScale;
    const scale = findScale(ws.id, ws.version, this.repo.customScales());
    if (!scale || scale.kind !== 'wellness') throw new AppError('VALIDATION', `no wellness scale ${ws.id} version ${ws.version}`, [{ path: 'wellnessScale', message: 'unknown scale' }]);
    this.d.db
      .prepare(
        `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      )
      .run(SETTINGS_KEY, JSON.stringify(p.data), this.d.clock());
    return p.data;
  }
  scales(): SurveyScale[] {
    return [...BUILT_IN_SCALES, ...this.repo.customScales()];
  }

  // ---- a session ----
  sessionDay(s: Pick<Session, 'startMs'>): string {
    return localDay(s.startMs, this.d.timeZone);
  }
  private mustSession(id: string): Session {
    const s = this.d.sessions.get(id);
    if (!s) throw new AppError('NOT_FOUND', `no session with id ${id}`);
    return s;
  }
  private pronoun(playerId: string): Pronoun {
    const sex = this.d.settings.get().settings.players[playerId]?.sex;
    return sex === 'female' ? 'her' : sex === 'male' ? 'his' : 'their';
  }

  feedback(sessionId: string): SessionFeedback {
    const s = this.mustSession(sessionId);
    const day = this.sessionDay(s);
    const ids = new Set(s.participants.map((p) => p.playerId));
    const own = this.repo.forSession(s.id);
    // The day's answers not linked to another session (imports are per day).
    const dayAnswers = [...ids].flatMap((pid) => this.repo.forPlayer(pid, day, day).filter((a) => a.sessionId === null));
    const settings = this.settings().settings;
    const from = addDays(day, -settings.baselineDays);
    return sessionFeedback({
      session: s,
      date: day,
      answers: [...dayAnswers, ...own],
      history: (pid) => this.repo.forPlayer(pid, from, addDays(day, -1)),
      settings,
      customScales: this.repo.customScales(),
      pronoun: (pid) => this.pronoun(pid),
    });
  }

  /** One answer, saved at once; answers the stored answer. */
  answer(p: { sessionId: string; playerId: string; kind: AnswerKind; item: string; value: number | null; source: 'kiosk' | 'grid'; scale?: { id: string; version: number } | null }): SurveyAnswer {
    const s = this.mustSession(p.sessionId);
    if (!s.participants.some((x) => x.playerId === p.playerId)) throw new AppError('VALIDATION', `that player is not in "${s.name}"`);
    const custom = this.repo.customScales();
    let scale: SurveyScale | null;
    if (p.kind === 'rpe') scale = RPE_SCALE;
    else {
      // An answer already begun keeps its scale; a new one takes the team's scale (or the one asked).
      const cur = this.repo.getEntry(s.id, p.playerId, 'wellness');
      const ref = p.scale ?? (cur ? { id: cur.scaleId, version: cur.scaleVersion } : this.settings().settings.wellnessScale);
      scale = findScale(ref.id, ref.version, custom);
      if (!scale) throw new AppError('VALIDATION', `no wellness scale ${ref.id} version ${ref.version}`);
    }
    const item = scale.items.find((i) => i.key === p.item);
    if (!item) throw new AppError('VALIDATION', `${scale.name} has no question "${p.item}"`);
    if (p.value !== null) {
      const problem = valueProblem(item, p.value);
      if (problem) throw new AppError('VALIDATION', problem, [{ path: 'value', message: problem }]);
    }
    return this.repo.setItem({
      sessionId: s.id,
      playerId: p.playerId,
      kind: p.kind,
      scaleId: scale.id,
      scaleVersion: scale.version,
      day: this.sessionDay(s),
      item: item.key,
      value: p.value,
      source: p.source,
      now: this.d.clock(),
    });
  }

  setDuration(sessionId: string, playerId: string, durationMin: number | null): SurveyAnswer {
    const s = this.mustSession(sessionId);
    if (!s.participants.some((x) => x.playerId === playerId)) throw new AppError('VALIDATION', `that player is not in "${s.name}"`);
    return this.repo.setDuration(s.id, playerId, durationMin, this.sessionDay(s), this.d.clock());
  }

  // ---- imports ----
  preview(text: string, fileName: string): ImportPreview {
    const ws = this.settings().settings.wellnessScale;
    const team = findScale(ws.id, ws.version, this.repo.customScales()) ?? findScale('mclean-wellness', 1)!;
    return guessMapping(text, fileName, team);
  }

  import(text: string, fileName: string, mapping: ImportMapping, opts: { source?: 'import' | 'cli'; fixedSessionId?: string | null } = {}): SurveyImportResult {
    const players = this.d.players.list();
    const byName = new Map<string, string | null>();
    for (const p of players) {
      const k = p.name.trim().toLowerCase();
      byName.set(k, byName.has(k) ? null : p.id); // two players of one name: not matched by name
    }
    const sessions = this.d.sessions.list();
    const fixed = opts.fixedSessionId ? this.mustSession(opts.fixedSessionId) : null;
    const settings = this.settings().settings;
    let plan;
    try {
      plan = planImport(text, fileName, mapping, {
        playerById: (id) => players.find((p) => p.id === id)?.id ?? null,
        playerByName: (name) => byName.get(name.trim().toLowerCase()) ?? null,
        aliases: this.repo.aliases(),
        sessionByRef: (ref) => {
          const s = sessions.find((x) => x.id === ref) ?? sessions.find((x) => x.name.trim().toLowerCase() === ref.trim().toLowerCase());
          return s ? { id: s.id, day: this.sessionDay(s) } : null;
        },
        fixedSession: fixed ? { id: fixed.id, day: this.sessionDay(fixed) } : null,
        scales: this.scales(),
        toleranceAu: settings.loadToleranceAu,
        source: opts.source ?? 'import',
      });
    } catch (e) {
      throw new AppError('VALIDATION', (e as Error).message);
    }
    const now = this.d.clock();
    if (plan.newScale) this.repo.saveScale(plan.newScale, now);
    const added = this.repo.insertImported(plan.answers, now);
    return { ...plan.result, added, alreadyThere: plan.answers.length - added };
  }

  // ---- load over time ----
  private sessionMinutes = new Map<string, number>();
  private minutesOf(sessionId: string | null): number | null {
    if (!sessionId) return null;
    if (!this.sessionMinutes.has(sessionId)) {
      const s = this.d.sessions.get(sessionId);
      if (!s) return null;
      this.sessionMinutes.set(sessionId, Math.round((s.endMs - s.startMs) / 6000) / 10);
    }
    return this.sessionMinutes.get(sessionId)!;
  }

  overview(playerId: string, toDay?: string): PlayerOverview {
    this.sessionMinutes.clear();
    const player = this.d.players.get(playerId);
    if (!player) throw new AppError('NOT_FOUND', `no player with id ${playerId}`);
    const settings = this.settings().settings;
    const custom = this.repo.customScales();
    const answers = this.repo.forPlayer(playerId);
    const results = this.repo.playerSessionMetrics(playerId);
    const points = new Map<string, PlayerSessionPoint>();
    const entries: Record<LoadMeasure, DatedLoad[]> = { srpe: [], distance: [], hsr: [], player_load: [] };
    for (const r of results) {
      const m = JSON.parse(r.metricsJson) as Record<string, number | null>;
      const date = localDay(r.startMs, this.d.timeZone);
      const pt: PlayerSessionPoint = {
        sessionId: r.sessionId,
        sessionName: r.sessionName,
        date,
        distanceM: m.distance_m ?? null,
        hsrM: m.hsr_distance_m ?? null,
        playerLoad: m.player_load ?? null,
        rpe: null,
        srpeAu: null,
      };
      points.set(r.sessionId, pt);
      if (pt.distanceM !== null) entries.distance.push({ date, value: pt.distanceM });
      if (pt.hsrM !== null) entries.hsr.push({ date, value: pt.hsrM });
      if (pt.playerLoad !== null) entries.player_load.push({ date, value: pt.playerLoad });
    }
    const wellness: PlayerWellnessPoint[] = [];
    const flagsByDay: PlayerOverview['flags'] = [];
    const rpeExtra: PlayerSessionPoint[] = [];
    for (const a of answers) {
      if (a.kind === 'rpe') {
        const rpe = a.values.rpe;
        if (rpe === undefined) continue;
        const minutes = a.durationMin ?? this.minutesOf(a.sessionId);
        const srpe = minutes === null ? null : rpe * minutes;
        if (srpe !== null) entries.srpe.push({ date: a.date, value: srpe });
        const pt = a.sessionId ? points.get(a.sessionId) : undefined;
        if (pt) {
          pt.rpe = rpe;
          pt.srpeAu = srpe;
        } else rpeExtra.push({ sessionId: a.sessionId, sessionName: a.origin ?? 'RPE', date: a.date, distanceM: null, hsrM: null, playerLoad: null, rpe, srpeAu: srpe });
        const f: SurveyFlag[] = [];
        if (minutes !== null && a.statedLoad !== null && loadMismatch(rpe, minutes, a.statedLoad, settings.loadToleranceAu)) f.push(loadMismatchFlag(rpe, minutes, a.statedLoad));
        const end = a.sessionId ? this.d.sessions.get(a.sessionId)?.endMs ?? null : null;
        if (a.source !== 'import' && isEarlyRpe(a.givenAt, end, settings.earlyRpeMin)) f.push(earlyRpeFlag(a.givenAt!, end!));
        if (f.length) flagsByDay.push({ date: a.date, sessionId: a.sessionId, flags: f });
      } else {
        const scale = findScale(a.scaleId, a.scaleVersion, custom);
        if (!scale) continue;
        wellness.push({ date: a.date, scaleId: scale.id, scaleVersion: scale.version, scaleName: scale.name, values: a.values, total: wellnessTotal(scale, a.values) });
      }
    }
    // Wellness flags for each answered day against the days before it (same scale only).
    const byScale = new Map<string, PlayerWellnessPoint[]>();
    for (const w of wellness) {
      const k = `${w.scaleId}@${w.scaleVersion}`;
      byScale.set(k, [...(byScale.get(k) ?? []), w]);
    }
    for (const list of byScale.values()) {
      const scale = findScale(list[0].scaleId, list[0].scaleVersion, custom)!;
      for (const w of list.slice(-60)) {
        const ev = evaluateWellness(scale, { date: w.date, values: w.values }, list, settings, this.pronoun(playerId));
        const f = ev.flags.filter((x) => x.kind === 'wellness');
        if (f.length) flagsByDay.push({ date: w.date, sessionId: null, flags: f });
      }
    }
    flagsByDay.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    const sessions = [...points.values(), ...rpeExtra].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const recorded = [...sessions.map((x) => x.date), ...wellness.map((w) => w.date)];
    const load = this.playerLoad(playerId, player.name, entries, recorded, toDay);
    return { playerId, playerName: player.name, position: player.position, sessions, wellness, flags: flagsByDay, load };
  }

  private playerLoad(playerId: string, playerName: string, entries: Record<LoadMeasure, DatedLoad[]>, recorded: string[], toDay?: string): PlayerLoad {
    const settings = this.settings().settings;
    const all = [...LOAD_MEASURES.flatMap((m) => entries[m].map((e) => e.date)), ...recorded].sort();
    const today = toDay ?? localDay(this.d.clock(), this.d.timeZone);
    const headline = settings.headline;
    if (all.length === 0) return { playerId, playerName, from: null, to: today, series: [], headline };
    const first = all[0];
    const last = all[all.length - 1];
    const horizon = addDays(last, AVAILABLE_AFTER_LAST_RECORD_DAYS);
    // Up to today while the player is recent; a player not seen for longer ends at their last record (no made-up rest days).
    const to = toDay ?? (today > horizon ? last : today < last ? last : today);
    const availability = new Map(this.repo.availability(playerId));
    // Default: available from the first record until 28 days after the last; unknown after.
    for (let d = addDays(last, AVAILABLE_AFTER_LAST_RECORD_DAYS + 1); d <= to; d = addDays(d, 1)) if (!availability.has(d)) availability.set(d, 'unknown');
    const series = LOAD_MEASURES.filter((m) => entries[m].length > 0).map((m) =>
      loadSeries(m, buildDailySeries(entries[m], { from: first, to, availability, firstRecorded: first })),
    );
    return { playerId, playerName, from: first, to, series, headline };
  }

  setAvailability(playerId: string, from: string, to: string, status: Availability | 'default'): void {
    if (!this.d.players.get(playerId)) throw new AppError('NOT_FOUND', `no player with id ${playerId}`);
    const n = dayNumber(to) - dayNumber(from) + 1;
    if (n < 1 || n > 366) throw new AppError('VALIDATION', 'set availability for 1 to 366 days at once, the last day not before the first');
    this.repo.setAvailability(playerId, Array.from({ length: n }, (_, i) => addDays(from, i)), status);
  }
}
