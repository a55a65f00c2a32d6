/**
 * A session's Player Feedback: each participant's RPE and sRPE, wellness against their own
 * baseline, and the flags (baseline, missing answers, early RPE, stated load). Pure: the caller
 * reads the answers and the history from the database.
 */
import type { PlayerFeedback, SessionFeedback, SurveyAnswer, SurveyFlag, SurveyScale, SurveySettings } from '../../../shared/domain/survey.ts';
import { earlyRpeFlag, evaluateWellness, isEarlyRpe, loadMismatch, loadMismatchFlag, missingFlag, sessionRpe, wellnessTotal, type Pronoun } from './flags.ts';
import { RPE_SCALE, findScale } from './scales.ts';

export interface FeedbackInput {
  session: { id: string; startMs: number; endMs: number; participants: { playerId: string; playerName: string; position: string }[] };
  date: string;
  /** The session's answers (linked to it) and the day's imported ones. */
  answers: readonly SurveyAnswer[];
  /** Each player's wellness answers before the session's day (for the baseline). */
  history: (playerId: string) => readonly SurveyAnswer[];
  settings: SurveySettings;
  customScales: readonly SurveyScale[];
  pronoun: (playerId: string) => Pronoun;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The answer for the session (linked) first, else the day's (imported), the latest given. */
function pick(answers: readonly SurveyAnswer[], playerId: string, kind: 'rpe' | 'wellness', sessionId: string): SurveyAnswer | null {
  const mine = answers.filter((a) => a.playerId === playerId && a.kind === kind);
  return mine.find((a) => a.sessionId === sessionId) ?? mine.at(-1) ?? null;
}

export function sessionFeedback(inp: FeedbackInput): SessionFeedback {
  const s = inp.settings;
  const teamScale = findScale(s.wellnessScale.id, s.wellnessScale.version, inp.customScales) ?? findScale('mclean-wellness', 1)!;
  const sessionMin = round1((inp.session.endMs - inp.session.startMs) / 60_000);
  const answered = new Map<string, SurveyScale>();
  const players: PlayerFeedback[] = inp.session.participants.map((p) => {
    const flags: SurveyFlag[] = [];
    const rpeA = pick(inp.answers, p.playerId, 'rpe', inp.session.id);
    const rpe = rpeA?.values.rpe ?? null;
    const durationMin = rpeA?.durationMin ?? (rpe !== null ? sessionMin : null);
    const durationSource = rpeA?.durationMin != null ? 'answer' : rpe !== null ? 'session' : null;
    const early = rpe !== null && rpeA?.source !== 'import' && isEarlyRpe(rpeA?.givenAt ?? null, inp.session.endMs, s.earlyRpeMin);
    if (rpe === null) flags.push(missingFlag('RPE'));
    if (early) flags.push(earlyRpeFlag(rpeA!.givenAt!, inp.session.endMs));
    const stated = rpeA?.statedLoad ?? null;
    if (rpe !== null && durationMin !== null && stated !== null && loadMismatch(rpe, durationMin, stated, s.loadToleranceAu)) {
      flags.push(loadMismatchFlag(rpe, durationMin, stated));
    }
    const wA = pick(inp.answers, p.playerId, 'wellness', inp.session.id);
    const wScale = wA ? findScale(wA.scaleId, wA.scaleVersion, inp.customScales) : null;
    let wellness: PlayerFeedback['wellness'] = null;
    let wellnessComplete = false;
    if (wA && wScale) {
      answered.set(`${wScale.id}@${wScale.version}`, wScale);
      const hist = inp
        .history(p.playerId)
        .filter((h) => h.kind === 'wellness' && h.scaleId === wScale.id && h.scaleVersion === wScale.version && h.date < inp.date)
        .map((h) => ({ date: h.date, values: h.values }));
      const ev = evaluateWellness(wScale, { date: inp.date, values: wA.values }, hist, s, inp.pronoun(p.playerId));
      const total = wScale.total ? wellnessTotal(wScale, wA.values) : null;
      wellness = { scaleId: wScale.id, scaleVersion: wScale.version, scaleName: wScale.name, items: { ...wA.values }, total, checks: ev.items, totalCheck: ev.total };
      const missing = wScale.items.filter((it) => wA.values[it.key] === undefined);
      wellnessComplete = missing.length === 0;
      if (!wellnessComplete) flags.push(missingFlag('wellness', missing));
      flags.push(...ev.flags);
    } else {
      flags.push(missingFlag('wellness'));
    }
    const order = { red: 0, amber: 1, info: 2 } as const;
    flags.sort((a, b) => order[a.level] - order[b.level]);
    return {
      playerId: p.playerId,
      playerName: p.playerName,
      position: p.position,
      rpe,
      durationMin,
      durationSource,
      srpeAu: sessionRpe(rpe, durationMin),
      statedLoad: stated,
      rpeGivenAt: rpeA?.givenAt ?? null,
      early,
      wellness,
      flags,
      complete: { rpe: rpe !== null, wellness: wellnessComplete },
    };
  });
  const n = players.length;
  const rpeDone = players.filter((p) => p.complete.rpe).length;
  const wDone = players.filter((p) => p.complete.wellness).length;
  return {
    sessionId: inp.session.id,
    date: inp.date,
    sessionEndMs: inp.session.endMs,
    rpeScale: RPE_SCALE,
    wellnessScale: teamScale,
    answeredScales: [...answered.values()],
    players,
    completion: { players: n, rpe: rpeDone, wellness: wDone, pct: n === 0 ? 0 : Math.round(((rpeDone + wDone) / (2 * n)) * 1000) / 10 },
    settings: {
      amberZ: s.amberZ,
      redZ: s.redZ,
      baselineDays: s.baselineDays,
      minBaselineAnswers: s.minBaselineAnswers,
      earlyRpeMin: s.earlyRpeMin,
      loadToleranceAu: s.loadToleranceAu,
      kioskIdleS: s.kioskIdleS,
    },
  };
}
