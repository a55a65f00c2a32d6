/**
 * Flags a coach reads first. Wellness items and the total against the player's own baseline:
 * the previous `baselineDays` days (today excluded), z = (today − mean) / sample SD, read in the
 * item's worse direction (McLean: lower is worse; Hooper: higher is worse); amber at |z| ≥ amberZ,
 * red at ≥ redZ; "insufficient baseline" below `minBaselineAnswers` answers or when the SD is 0.
 * Also: missing answers, early RPE, and a stated load that disagrees with RPE × minutes.
 */
import type { BaselineCheck, ScaleItem, SurveyFlag, SurveyScale, SurveySettings } from '../../../shared/domain/survey.ts';
import { addDays } from './days.ts';
import { mean, sampleSd } from './stats.ts';

/** her / his / their: how a flag's words refer to the player. */
export type Pronoun = 'her' | 'his' | 'their';

export interface DatedValues {
  date: string;
  values: Record<string, number>;
}

type FlagSettings = Pick<SurveySettings, 'amberZ' | 'redZ' | 'baselineDays' | 'minBaselineAnswers'>;

/** The sum of every item, or null when an item is unanswered. */
export function wellnessTotal(scale: SurveyScale, values: Record<string, number>): number | null {
  let t = 0;
  for (const it of scale.items) {
    const v = values[it.key];
    if (v === undefined || !Number.isFinite(v)) return null;
    t += v;
  }
  return t;
}

const fmt1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const fmtValue = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** One value against its baseline values. */
export function checkBaseline(
  what: { item: string; label: string; better: 'high' | 'low' },
  value: number,
  baseline: readonly number[],
  s: FlagSettings,
): BaselineCheck {
  const n = baseline.length;
  const m = mean(baseline);
  const sd = sampleSd(baseline);
  if (n < s.minBaselineAnswers || sd === null || sd === 0) {
    return { item: what.item, label: what.label, value, n, mean: m, sd, z: null, status: 'insufficient' };
  }
  const z = (value - m!) / sd;
  const worse = what.better === 'high' ? -z : z;
  const status = worse >= s.redZ ? 'red' : worse >= s.amberZ ? 'amber' : 'ok';
  return { item: what.item, label: what.label, value, n, mean: m, sd, z, status };
}

/** "Sleep 2 — 2.7 SD below her last 28 days (3.4)". */
export function baselineText(c: BaselineCheck, days: number, pronoun: Pronoun): string {
  if (c.status === 'insufficient') {
    const why = c.n < 2 || c.sd === null ? `${c.n} answer${c.n === 1 ? '' : 's'}` : c.sd === 0 ? `the same answer every day` : `${c.n} answers`;
    return `${c.label} ${fmtValue(c.value)} — insufficient baseline (${why} in ${pronoun} last ${days} days)`;
  }
  const z = c.z!;
  return `${c.label} ${fmtValue(c.value)} — ${fmt1(Math.abs(z))} SD ${z < 0 ? 'below' : 'above'} ${pronoun} last ${days} days (${fmt1(c.mean!)})`;
}

export interface WellnessEvaluation {
  items: BaselineCheck[];
  total: BaselineCheck | null;
  flags: SurveyFlag[];
}

/**
 * Today's wellness answer against the same player's earlier answers on the same scale (id and
 * version: scales are never mixed). One answer per day counts (the last given when several).
 */
export function evaluateWellness(
  scale: SurveyScale,
  today: DatedValues,
  history: readonly DatedValues[],
  s: FlagSettings,
  pronoun: Pronoun = 'their',
): WellnessEvaluation {
  const from = addDays(today.date, -s.baselineDays);
  const byDay = new Map<string, Record<string, number>>();
  for (const h of history) if (h.date >= from && h.date < today.date) byDay.set(h.date, h.values);
  const days = [...byDay.values()];
  const items: BaselineCheck[] = [];
  const flags: SurveyFlag[] = [];
  const insufficient: string[] = [];
  const consider = (c: BaselineCheck) => {
    if (c.status === 'red' || c.status === 'amber') {
      flags.push({ kind: 'wellness', level: c.status, item: c.item, z: c.z, text: baselineText(c, s.baselineDays, pronoun) });
    } else if (c.status === 'insufficient') insufficient.push(c.label);
  };
  for (const it of scale.items) {
    const v = today.values[it.key];
    if (v === undefined) continue;
    const base = days.map((d) => d[it.key]).filter((x): x is number => x !== undefined && Number.isFinite(x));
    const c = checkBaseline({ item: it.key, label: it.short, better: it.better }, v, base, s);
    items.push(c);
    consider(c);
  }
  let total: BaselineCheck | null = null;
  const t = scale.total ? wellnessTotal(scale, today.values) : null;
  if (scale.total && t !== null) {
    const base = days.map((d) => wellnessTotal(scale, d)).filter((x): x is number => x !== null);
    total = checkBaseline({ item: 'total', label: 'Wellness total', better: scale.total.better }, t, base, s);
    consider(total);
  }
  if (insufficient.length > 0) {
    const all = [...items, ...(total ? [total] : [])].filter((c) => c.status === 'insufficient');
    const few = all.filter((c) => c.n < s.minBaselineAnswers);
    const flat = all.filter((c) => c.n >= s.minBaselineAnswers);
    const n = Math.max(0, ...items.map((c) => c.n));
    const parts = [
      ...(few.length ? [`${n} answer${n === 1 ? '' : 's'} in ${pronoun} last ${s.baselineDays} days (${s.minBaselineAnswers} needed)`] : []),
      ...(flat.length ? [`${flat.map((c) => c.label).join(', ')}: the same answer every day (no variation to compare with)`] : []),
    ];
    flags.push({ kind: 'insufficient-baseline', level: 'info', item: null, z: null, text: `Insufficient baseline: ${parts.join('; ')}` });
  }
  return { items, total, flags };
}

/** sRPE (Foster 2001): CR-10 rating × session minutes, AU. */
export function sessionRpe(rpe: number | null, durationMin: number | null): number | null {
  return rpe === null || durationMin === null ? null : rpe * durationMin;
}

/** The stated load disagrees with RPE × minutes by more than the tolerance. */
export function loadMismatch(rpe: number, durationMin: number, statedLoad: number, toleranceAu: number): boolean {
  return Math.abs(statedLoad - rpe * durationMin) > toleranceAu;
}

export function loadMismatchFlag(rpe: number, durationMin: number, statedLoad: number): SurveyFlag {
  return {
    kind: 'load-mismatch',
    level: 'amber',
    item: 'rpe',
    z: null,
    text: `Stated load ${fmtValue(statedLoad)} AU ≠ RPE ${fmtValue(rpe)} × ${fmtValue(durationMin)} min = ${fmtValue(rpe * durationMin)} AU`,
  };
}

/** An RPE given sooner than `earlyMin` minutes after the session ended (Foster asks ~30 min). */
export function isEarlyRpe(givenAt: number | null, sessionEndMs: number | null, earlyMin: number): boolean {
  return givenAt !== null && sessionEndMs !== null && givenAt - sessionEndMs < earlyMin * 60_000;
}

export function earlyRpeFlag(givenAt: number, sessionEndMs: number): SurveyFlag {
  const min = (givenAt - sessionEndMs) / 60_000;
  const when = min < 0 ? `${Math.round(-min)} min before the session ended` : `${Math.round(min)} min after the session ended`;
  return { kind: 'early-rpe', level: 'info', item: 'rpe', z: null, text: `Early RPE: given ${when} (Foster asks about 30 min after)` };
}

export function missingFlag(what: 'RPE' | 'wellness', missingItems: readonly ScaleItem[] = []): SurveyFlag {
  const text = missingItems.length > 0 ? `Missing ${what}: ${missingItems.map((i) => i.short).join(', ')} not answered` : `Missing ${what}`;
  return { kind: 'missing', level: 'amber', item: null, z: null, text };
}
