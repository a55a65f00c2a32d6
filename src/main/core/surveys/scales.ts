/**
 * The built-in survey scales, as versioned data records. A new version of a scale is a new
 * record (never an edit of an old one): answers keep the id and version they were given on, so
 * changing the team's scale never reinterprets them. Sources: docs/metrics.md (Surveys).
 */
import type { ScaleItem, SurveyScale } from '../../../shared/domain/survey.ts';

const item = (key: string, label: string, short: string, min: number, max: number, better: 'high' | 'low', anchors: Record<string, string>): ScaleItem => ({
  key,
  label,
  short,
  min,
  max,
  step: 1,
  better,
  anchors,
});

/** Foster's CR-10 (Foster et al. 2001), asked ~30 min after the session: "How was your session?". */
export const CR10_V1: SurveyScale = {
  id: 'cr10',
  version: 1,
  kind: 'rpe',
  name: 'Session RPE (CR-10)',
  source: 'Foster et al. 2001, J Strength Cond Res 15(1):109–115 (modified Borg CR-10)',
  prompt: 'How was your session?',
  items: [
    item('rpe', 'How was your session?', 'RPE', 0, 10, 'low', {
      '0': 'Rest',
      '1': 'Very, very easy',
      '2': 'Easy',
      '3': 'Moderate',
      '4': 'Somewhat hard',
      '5': 'Hard',
      '7': 'Very hard',
      '10': 'Maximal',
    }),
  ],
  total: null,
  builtIn: true,
};

/** McLean et al. 2010: five items, 5 (best) to 1, total 5–25. */
export const MCLEAN_V1: SurveyScale = {
  id: 'mclean-wellness',
  version: 1,
  kind: 'wellness',
  name: 'Wellness (McLean, 5 items, 1–5)',
  source: 'McLean et al. 2010, Int J Sports Physiol Perform 5(3):367–383',
  prompt: 'How are you today?',
  items: [
    item('fatigue', 'Fatigue', 'Fatigue', 1, 5, 'high', { '5': 'Very fresh', '4': 'Fresh', '3': 'Normal', '2': 'More tired than normal', '1': 'Always tired' }),
    item('sleep', 'Sleep quality', 'Sleep', 1, 5, 'high', { '5': 'Very restful', '4': 'Good', '3': 'Difficulty falling asleep', '2': 'Restless sleep', '1': 'Insomnia' }),
    item('soreness', 'General muscle soreness', 'Soreness', 1, 5, 'high', {
      '5': 'Feeling good',
      '4': 'Little soreness',
      '3': 'Normal',
      '2': 'Increase in soreness / tightness',
      '1': 'Very sore',
    }),
    item('stress', 'Stress levels', 'Stress', 1, 5, 'high', { '5': 'Very relaxed', '4': 'Relaxed', '3': 'Normal', '2': 'Feeling stressed', '1': 'Very stressed' }),
    item('mood', 'Mood', 'Mood', 1, 5, 'high', {
      '5': 'Very positive mood',
      '4': 'A generally good mood',
      '3': 'Less interested in others or activities than usual',
      '2': 'Snappy with team-mates, family and co-workers',
      '1': 'Highly annoyed / irritable / down',
    }),
  ],
  total: { min: 5, max: 25, better: 'high' },
  builtIn: true,
};

const hooperAnchors = (low: string, high: string): Record<string, string> => ({
  '1': `Very, very ${low}`,
  '2': `Very ${low}`,
  '3': low[0].toUpperCase() + low.slice(1),
  '4': 'Average',
  '5': high[0].toUpperCase() + high.slice(1),
  '6': `Very ${high}`,
  '7': `Very, very ${high}`,
});

/** Hooper & Mackinnon 1995: four items, 1 (best) to 7, index 4–28 (the opposite direction to McLean). */
export const HOOPER_V1: SurveyScale = {
  id: 'hooper',
  version: 1,
  kind: 'wellness',
  name: 'Hooper index (4 items, 1–7)',
  source: 'Hooper & Mackinnon 1995, Sports Med 20(5):321–327',
  prompt: 'How are you today?',
  items: [
    item('sleep', 'Sleep quality', 'Sleep', 1, 7, 'low', hooperAnchors('good', 'bad')),
    item('stress', 'Stress', 'Stress', 1, 7, 'low', hooperAnchors('low', 'high')),
    item('fatigue', 'Fatigue', 'Fatigue', 1, 7, 'low', hooperAnchors('low', 'high')),
    item('soreness', 'Muscle soreness', 'Soreness', 1, 7, 'low', hooperAnchors('low', 'high')),
  ],
  total: { min: 4, max: 28, better: 'low' },
  builtIn: true,
};

/** Every built-in scale record, every version (the registry: a new version = one more line). */
export const BUILT_IN_SCALES: readonly SurveyScale[] = [CR10_V1, MCLEAN_V1, HOOPER_V1];

export const RPE_SCALE = CR10_V1;

export const scaleKey = (id: string, version: number) => `${id}@${version}`;

/** A scale record by id and version among the built-ins and the given custom ones. */
export function findScale(id: string, version: number, custom: readonly SurveyScale[] = []): SurveyScale | null {
  return [...BUILT_IN_SCALES, ...custom].find((s) => s.id === id && s.version === version) ?? null;
}

/** The anchor word for a value, or '' (CR-10 has none at 6, 8, 9). */
export function anchorWord(it: ScaleItem, value: number): string {
  return it.anchors[String(value)] ?? '';
}

/** Why a value is not an answer to the item, or null when it is. */
export function valueProblem(it: ScaleItem, value: number): string | null {
  if (!Number.isFinite(value)) return `${it.label}: not a number`;
  if (value < it.min || value > it.max) return `${it.label}: ${value} is outside ${it.min}–${it.max}`;
  const steps = (value - it.min) / it.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return `${it.label}: ${value} is not a step of ${it.step}`;
  return null;
}
