import { describe, expect, it } from 'vitest';
import { checkBaseline, evaluateWellness, isEarlyRpe, loadMismatch, sessionRpe, wellnessTotal, baselineText } from '../../../src/main/core/surveys/flags.ts';
import { HOOPER_V1, MCLEAN_V1, CR10_V1, findScale, valueProblem, anchorWord } from '../../../src/main/core/surveys/scales.ts';
import { addDays } from '../../../src/main/core/surveys/days.ts';
import { DEFAULT_SURVEY_SETTINGS as S, SurveySettingsSchema } from '../../../src/shared/domain/survey.ts';

const days = (today: string, values: number[], key: string, other: Record<string, number> = {}) =>
  values.map((v, i) => ({ date: addDays(today, -(values.length - i)), values: { ...other, [key]: v } }));

describe('sRPE (Foster 2001)', () => {
  it('METRICS worked value: RPE 7 × 90 min = 630 AU', () => {
    expect(sessionRpe(7, 90)).toBeCloseTo(630, 4);
  });
  it('is null, not 0, when RPE or minutes are absent', () => {
    expect(sessionRpe(null, 90)).toBeNull();
    expect(sessionRpe(5, null)).toBeNull();
  });
  it('a stated load is checked against RPE × minutes with the tolerance', () => {
    expect(loadMismatch(1, 75, 750, 0.5)).toBe(true); // the rugby file's RPE 1 × 75 min stated as 750
    expect(loadMismatch(0, 30, 15, 0.5)).toBe(true); // RPE 0 stated as 0.5 × minutes
    expect(loadMismatch(7, 29, 203, 0.5)).toBe(false);
  });
  it('an RPE given less than 30 min after the session ended is early; 30 min or later is not', () => {
    const end = Date.UTC(2026, 0, 1, 12);
    expect(isEarlyRpe(end + 29 * 60_000, end, 30)).toBe(true);
    expect(isEarlyRpe(end - 5 * 60_000, end, 30)).toBe(true);
    expect(isEarlyRpe(end + 30 * 60_000, end, 30)).toBe(false);
    expect(isEarlyRpe(null, end, 30)).toBe(false);
  });
});

describe('scales are versioned data', () => {
  it('CR-10 carries Foster\'s anchors, none at 6, 8, 9', () => {
    const it0 = CR10_V1.items[0];
    expect([0, 1, 3, 5, 7, 10].map((v) => anchorWord(it0, v))).toEqual(['Rest', 'Very, very easy', 'Moderate', 'Hard', 'Very hard', 'Maximal']);
    expect([6, 8, 9].map((v) => anchorWord(it0, v))).toEqual(['', '', '']);
  });
  it('McLean: 5 items 1–5, 5 best, total 5–25; Hooper: 4 items 1–7, 1 best, total 4–28', () => {
    expect(MCLEAN_V1.items.map((i) => [i.min, i.max, i.better])).toEqual(Array(5).fill([1, 5, 'high']));
    expect(MCLEAN_V1.total).toEqual({ min: 5, max: 25, better: 'high' });
    expect(HOOPER_V1.items.map((i) => [i.min, i.max, i.better])).toEqual(Array(4).fill([1, 7, 'low']));
    expect(HOOPER_V1.total).toEqual({ min: 4, max: 28, better: 'low' });
    expect(anchorWord(MCLEAN_V1.items[1], 1)).toBe('Insomnia');
    expect(findScale('hooper', 1)).toBe(HOOPER_V1);
    expect(findScale('hooper', 2)).toBeNull();
  });
  it('refuses values off the scale', () => {
    expect(valueProblem(MCLEAN_V1.items[0], 6)).toMatch(/outside 1–5/);
    expect(valueProblem(MCLEAN_V1.items[0], 2.5)).toMatch(/step/);
    expect(valueProblem(MCLEAN_V1.items[0], 3)).toBeNull();
  });
  it('the total is the sum of the items, null while one is unanswered', () => {
    expect(wellnessTotal(MCLEAN_V1, { fatigue: 3, sleep: 2, soreness: 4, stress: 5, mood: 3 })).toBe(17);
    expect(wellnessTotal(MCLEAN_V1, { fatigue: 3, sleep: 2 })).toBeNull();
  });
});

describe('baseline flags', () => {
  const today = '2026-03-10';
  it('METRICS worked value: baseline 3,3,4,3,4,3,4 and today 2 gives z = −2.67, red, in words', () => {
    const c = checkBaseline({ item: 'sleep', label: 'Sleep', better: 'high' }, 2, [3, 3, 4, 3, 4, 3, 4], S);
    expect(c.z!).toBeCloseTo(-2.6726, 4);
    expect(c.mean!).toBeCloseTo(24 / 7, 10);
    expect(c.status).toBe('red');
    expect(baselineText(c, 28, 'her')).toBe('Sleep 2 — 2.7 SD below her last 28 days (3.4)');
  });
  it('Hooper reads the other way: sleep 4 against 2,2,3,2,3,2,3 is z = +2.94, red (by hand)', () => {
    const ev = evaluateWellness(HOOPER_V1, { date: today, values: { sleep: 4 } }, days(today, [2, 2, 3, 2, 3, 2, 3], 'sleep'), S, 'his');
    expect(ev.items[0].z!).toBeCloseTo(2.93987, 4);
    expect(ev.flags.map((f) => [f.level, f.text])).toContainEqual(['red', 'Sleep 4 — 2.9 SD above his last 28 days (2.4)']);
  });
  it('a McLean answer better than usual raises nothing (z in the worse direction only)', () => {
    const c = checkBaseline({ item: 'sleep', label: 'Sleep', better: 'high' }, 5, [3, 3, 4, 3, 4, 3, 4], S);
    expect(c.z!).toBeGreaterThan(2);
    expect(c.status).toBe('ok');
  });
  it('amber between the thresholds: 2 against 2,3,4 ×3 is z = −1.1547 (by hand)', () => {
    const c = checkBaseline({ item: 'mood', label: 'Mood', better: 'high' }, 2, [2, 3, 4, 2, 3, 4, 2, 3, 4], S);
    expect(c.z!).toBeCloseTo(-1.1547, 4);
    expect(c.status).toBe('amber');
  });
  it('thresholds are settings', () => {
    const strict = SurveySettingsSchema.parse({ amberZ: 2, redZ: 3 });
    expect(checkBaseline({ item: 'sleep', label: 'Sleep', better: 'high' }, 2, [3, 3, 4, 3, 4, 3, 4], strict).status).toBe('amber');
  });
  it('insufficient baseline below 7 answers or when the SD is 0', () => {
    expect(checkBaseline({ item: 'sleep', label: 'Sleep', better: 'high' }, 1, [3, 3, 4, 3, 4, 3], S).status).toBe('insufficient');
    const flat = checkBaseline({ item: 'sleep', label: 'Sleep', better: 'high' }, 1, [4, 4, 4, 4, 4, 4, 4], S);
    expect(flat.status).toBe('insufficient');
    expect(baselineText(flat, 28, 'her')).toMatch(/insufficient baseline \(the same answer every day/);
  });
  it('the baseline is the previous 28 days: today and older answers are left out', () => {
    const hist = [
      { date: addDays(today, -29), values: { sleep: 1 } }, // outside the 28 days
      { date: today, values: { sleep: 5 } }, // today itself
      ...days(today, [3, 3, 4, 3, 4, 3, 4], 'sleep'),
    ];
    const ev = evaluateWellness(MCLEAN_V1, { date: today, values: { sleep: 2 } }, hist, S, 'her');
    expect(ev.items[0].n).toBe(7);
    expect(ev.items[0].z!).toBeCloseTo(-2.6726, 4);
  });
  it('the total is checked like an item, and a partial answer has no total', () => {
    const full = { fatigue: 3, sleep: 3, soreness: 3, stress: 3, mood: 3 };
    const hist = [15, 16, 15, 16, 15, 16, 15].map((t, i) => ({ date: addDays(today, -7 + i), values: { ...full, mood: 3 + t - 15 } }));
    const ev = evaluateWellness(MCLEAN_V1, { date: today, values: { ...full, fatigue: 1 } }, hist, S);
    // totals 15,16,15,16,15,16,15: mean 108/7, sd sqrt(12/49 ... ) by hand: z = (13 − 15.4286) / 0.534522 = −4.543
    expect(ev.total!.z!).toBeCloseTo((13 - 108 / 7) / 0.5345224838, 4);
    expect(ev.total!.status).toBe('red');
    expect(evaluateWellness(MCLEAN_V1, { date: today, values: { sleep: 3 } }, hist, S).total).toBeNull();
  });
});
