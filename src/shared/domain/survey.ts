/**
 * Player Feedback: survey scales (as data), answers, flags against each player's own baseline,
 * and the team's survey settings. Definitions and sources: docs/metrics.md (Surveys, Load over time).
 */
import { z } from 'zod';

/** One question of a scale: its range, anchor words and which end is better. */
export interface ScaleItem {
  key: string;
  /** The question as asked ("Sleep quality"). */
  label: string;
  /** Short name for tables and flag text ("Sleep"). */
  short: string;
  min: number;
  max: number;
  step: number;
  /** Which end of the range is better: 'high' (McLean: 5 best) or 'low' (Hooper: 1 best). */
  better: 'high' | 'low';
  /** Anchor words by value ("1": "Very, very easy"); a value without one has no word. */
  anchors: Record<string, string>;
}

/** A versioned scale record. Answers keep the id and version they were given on. */
export interface SurveyScale {
  id: string;
  version: number;
  kind: 'rpe' | 'wellness';
  name: string;
  /** Where it comes from, cited in the app and the report. */
  source: string;
  /** The question asked before the items (RPE: "How was your session?"). */
  prompt: string;
  items: ScaleItem[];
  /** Wellness: the total is the sum of the items, with this range and better end; null for RPE. */
  total: { min: number; max: number; better: 'high' | 'low' } | null;
  /** Built into the app (false: defined by the team at an import). */
  builtIn: boolean;
}

export const scaleRefSchema = z.object({ id: z.string().min(1).max(64), version: z.number().int().min(1).max(1000) }).strict();
export type ScaleRef = z.infer<typeof scaleRefSchema>;

export const LOAD_MEASURES = ['srpe', 'distance', 'hsr', 'player_load'] as const;
export type LoadMeasure = (typeof LOAD_MEASURES)[number];
export const LOAD_MEASURE_LABELS: Record<LoadMeasure, string> = {
  srpe: 'sRPE (AU)',
  distance: 'Distance (m)',
  hsr: 'HSR distance (m)',
  player_load: 'PlayerLoad (AU)',
};
export const ACWR_METHODS = ['ewma', 'rolling-coupled', 'rolling-uncoupled'] as const;
export type AcwrMethod = (typeof ACWR_METHODS)[number];

/** The team's survey and load settings (stored apart from the engine's: they never make a result stale). */
export const SurveySettingsSchema = z
  .object({
    /** The wellness scale the team asks from now on; old answers keep their own. */
    wellnessScale: scaleRefSchema.default({ id: 'mclean-wellness', version: 1 }),
    /** |z| in the worse direction at or above this is amber (McLean-style baseline flags). */
    amberZ: z.number().finite().positive().max(10).default(1),
    /** ... and red at or above this. */
    redZ: z.number().finite().positive().max(10).default(1.5),
    /** The baseline: the previous N days, today excluded. */
    baselineDays: z.number().int().min(7).max(365).default(28),
    /** Fewer answers than this in the baseline: "insufficient baseline". */
    minBaselineAnswers: z.number().int().min(2).max(100).default(7),
    /** An RPE given sooner than this after the session ended is "early" (Foster asks ~30 min). */
    earlyRpeMin: z.number().finite().min(0).max(240).default(30),
    /** A stated load further than this from RPE × minutes (AU) is flagged. */
    loadToleranceAu: z.number().finite().min(0).max(1000).default(0.5),
    /** Kiosk: back to the grid after this many seconds without a tap or key. */
    kioskIdleS: z.number().int().min(10).max(600).default(45),
    /** What the report and the Player page headline. */
    headline: z
      .object({
        measure: z.enum(LOAD_MEASURES).default('srpe'),
        method: z.enum(ACWR_METHODS).default('ewma'),
      })
      .strict()
      .prefault({}),
    /** The team's own ACWR bands (display only; not injury predictions). */
    acwrBands: z
      .object({ low: z.number().finite().min(0).max(5).default(0.8), high: z.number().finite().min(0).max(5).default(1.3) })
      .strict()
      .refine((b) => b.low < b.high, { message: 'the low band edge must be below the high one', path: ['high'] })
      .prefault({}),
  })
  .strict()
  .refine((s) => s.amberZ <= s.redZ, { message: 'the red threshold must not be below the amber one', path: ['redZ'] });
export type SurveySettings = z.output<typeof SurveySettingsSchema>;
export const DEFAULT_SURVEY_SETTINGS: SurveySettings = SurveySettingsSchema.parse({});

export type AnswerKind = 'rpe' | 'wellness';
export type AnswerSource = 'kiosk' | 'grid' | 'import' | 'cli';

/** One player's answers to one scale for one session or day. */
export interface SurveyAnswer {
  id: string;
  /** null: an imported row whose player is not matched yet (listed for assignment, never dropped). */
  playerId: string | null;
  /** The player as the file named them (import), else null. */
  sourcePlayer: string | null;
  sessionId: string | null;
  /** The day it is about, YYYY-MM-DD (the team's local day). */
  date: string;
  kind: AnswerKind;
  scaleId: string;
  scaleVersion: number;
  /** By item key; an item not answered yet is absent. */
  values: Record<string, number>;
  /** RPE: the session's minutes (null: the session window is used). */
  durationMin: number | null;
  /** RPE: the load the file stated (import), else null. */
  statedLoad: number | null;
  /** When it was given, epoch ms (null: unknown, e.g. imported). */
  givenAt: number | null;
  source: AnswerSource;
  /** Import: the file and line it came from. */
  origin: string | null;
  updatedAt: number;
}

export type FlagLevel = 'red' | 'amber' | 'info';
export type FlagKind = 'wellness' | 'insufficient-baseline' | 'missing' | 'early-rpe' | 'load-mismatch';

/** A flag a coach reads first, with its reason in words. */
export interface SurveyFlag {
  kind: FlagKind;
  level: FlagLevel;
  /** The item key ('total' for the wellness total), when about one. */
  item: string | null;
  /** z against the baseline (signed: below the mean is negative), when about one. */
  z: number | null;
  text: string;
}

/** One wellness item (or the total) against the player's own baseline. */
export interface BaselineCheck {
  item: string;
  label: string;
  value: number;
  /** The previous days' answers, today excluded. */
  n: number;
  mean: number | null;
  /** Sample SD (n − 1). */
  sd: number | null;
  z: number | null;
  status: 'red' | 'amber' | 'ok' | 'insufficient';
}

/** One player's feedback for one session: the answers, sRPE, the checks against baseline and the flags. */
export interface PlayerFeedback {
  playerId: string;
  playerName: string;
  position: string;
  rpe: number | null;
  /** The minutes sRPE is computed with, and where they came from. */
  durationMin: number | null;
  durationSource: 'answer' | 'session' | null;
  /** RPE × minutes, AU (Foster 2001); null when either is absent. */
  srpeAu: number | null;
  /** The load a file stated for the row (imports), else null. */
  statedLoad: number | null;
  rpeGivenAt: number | null;
  early: boolean;
  wellness: {
    scaleId: string;
    scaleVersion: number;
    scaleName: string;
    items: Record<string, number>;
    /** Sum of the items, null while one is unanswered. */
    total: number | null;
    checks: BaselineCheck[];
    totalCheck: BaselineCheck | null;
  } | null;
  flags: SurveyFlag[];
  complete: { rpe: boolean; wellness: boolean };
}

export interface SessionFeedback {
  sessionId: string;
  /** The session's day (the team's local day of its start). */
  date: string;
  sessionEndMs: number;
  rpeScale: SurveyScale;
  /** The team's scale now (the kiosk asks it). */
  wellnessScale: SurveyScale;
  /** Every wellness scale the session's answers were given on (never mixed in one column). */
  answeredScales: SurveyScale[];
  players: PlayerFeedback[];
  completion: { players: number; rpe: number; wellness: number; /** answers given / answers expected (RPE + wellness per player), 0..100 */ pct: number };
  settings: Pick<SurveySettings, 'amberZ' | 'redZ' | 'baselineDays' | 'minBaselineAnswers' | 'earlyRpeMin' | 'loadToleranceAu' | 'kioskIdleS'>;
}

/** Which column of a survey CSV holds what (the app guesses; the user confirms). Column names as in the header. */
export const ImportMappingSchema = z
  .object({
    player: z.string().min(1).max(200),
    /** How the player column names players: roster name, roster id, or either (the default). */
    playerBy: z.enum(['any', 'name', 'id']).default('any'),
    date: z.string().max(200).nullable().default(null),
    dateFormat: z.enum(['ymd', 'dmy', 'mdy']).default('ymd'),
    session: z.string().max(200).nullable().default(null),
    rpe: z.string().max(200).nullable().default(null),
    duration: z.string().max(200).nullable().default(null),
    statedLoad: z.string().max(200).nullable().default(null),
    wellness: z
      .object({
        /** A scale the app knows, or a scale the file defines (its own items on one range). */
        scale: scaleRefSchema.nullable().default(null),
        custom: z
          .object({
            name: z.string().trim().min(1).max(80),
            min: z.number().int().min(0).max(100),
            max: z.number().int().min(1).max(100),
            better: z.enum(['high', 'low']),
          })
          .strict()
          .refine((c) => c.min < c.max, { message: 'the lowest value must be below the highest', path: ['max'] })
          .nullable()
          .default(null),
        /** item key (known scale) or item label (custom scale) -> column */
        items: z.record(z.string().min(1).max(80), z.string().min(1).max(200)),
      })
      .strict()
      .refine((w) => (w.scale === null) !== (w.custom === null), { message: 'choose a scale or define one', path: ['scale'] })
      .nullable()
      .default(null),
  })
  .strict()
  .refine((m) => m.date !== null || m.session !== null, { message: 'map a date or a session column', path: ['date'] })
  .refine((m) => m.rpe !== null || m.wellness !== null, { message: 'map an RPE column or wellness items', path: ['rpe'] });
export type ImportMapping = z.output<typeof ImportMappingSchema>;
export type ImportMappingInput = z.input<typeof ImportMappingSchema>;

export interface ImportPreview {
  file: string;
  columns: string[];
  rows: number;
  sample: string[][];
  /** The app's guess; null fields it could not guess. */
  guess: ImportMappingInput | null;
  /** What the guess is unsure of, in words. */
  notes: string[];
}

export interface ImportRowNote {
  line: number;
  player: string;
  date: string;
  reason: string;
}

export interface SurveyImportResult {
  file: string;
  rows: number;
  answers: { rpe: number; wellness: number };
  /** New answers stored; the rest were already there (same rows imported before). */
  added: number;
  alreadyThere: number;
  /** Stored and flagged (stated load ≠ RPE × minutes). */
  flagged: ImportRowNote[];
  /** Not stored: what is wrong, with the line. */
  errors: ImportRowNote[];
  /** Rows without any answer (all NA / empty), not stored. */
  empty: { count: number; lines: number[] };
  /** Stored, waiting for assignment to a roster player. */
  unmatched: { sourcePlayer: string; rows: number }[];
  scale: ScaleRef | null;
}
