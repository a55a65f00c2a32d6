/**
 * Team settings for the sports-science engine: every threshold the cleaning and the metrics use,
 * plus display units. Defaults and their sources are in docs/metrics.md (from METRICS.md).
 * Validated with zod at every boundary; `EngineSettingsSchema.parse({})` gives the defaults.
 * A stored result records the settings it was computed with (see settingsKey).
 */
import { z } from 'zod';
import { stableJson } from './stable-json.ts';

const increasing = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);
const msg = (what: string) => ({ message: `${what} must be strictly increasing` });

const speedMs = z.number().finite().min(0).max(20);
const bpm = z.number().finite().min(20).max(260);
const sex = z.enum(['male', 'female']);

/** Per-player values that override the team's (keyed by player id). */
export const PlayerOverridesSchema = z
  .object({
    /** The player's own max speed, m/s, for relative velocity bands (else the session's max). */
    maxSpeedMs: speedMs.positive().optional(),
    hrMaxBpm: bpm.optional(),
    hrRestBpm: bpm.optional(),
    sex: sex.optional(),
  })
  .strict();

export const EngineSettingsSchema = z
  .object({
    /** Display only: values are always computed and stored in SI units. */
    display: z
      .object({
        speed: z.enum(['km/h', 'm/s']).default('km/h'),
        distance: z.enum(['m', 'yd']).default('m'),
      })
      .strict()
      .prefault({}),
    quality: z
      .object({
        /** Fixes with HDOP above this are dropped (unknown HDOP is kept). */
        maxHdop: z.number().finite().positive().max(50).default(2),
        /** Fixes with fewer satellites are dropped (unknown count is kept). */
        minSatellites: z.number().int().min(0).max(64).default(6),
      })
      .strict()
      .prefault({}),
    spikes: z
      .object({
        /** Speed (Doppler or implied by positions) above this is a spike, not a sprint. */
        maxSpeedMs: z.number().finite().positive().max(50).default(10),
        /** Change of Doppler speed between fixes beyond ± this (m/s²) is a spike. */
        maxAccelMs2: z.number().finite().positive().max(100).default(10),
      })
      .strict()
      .prefault({}),
    gaps: z
      .object({
        /** Missing stretches up to this long are interpolated; longer ones stay gaps (no distance). */
        maxGapS: z.number().finite().positive().max(60).default(2),
        /** ...or up to this many sample intervals, for units that record slower than 1.5 Hz. */
        maxGapSamples: z.number().int().min(1).max(20).default(3),
      })
      .strict()
      .prefault({}),
    imu: z
      .object({
        /**
         * A reading beyond ± this on any axis, g, is a sensor or file fault, not movement: it is left
         * out of PlayerLoad. Team-sport units measure ±16 g; high-g impact sensors ±200 g.
         */
        maxAbsG: z.number().finite().positive().max(1000).default(200),
      })
      .strict()
      .prefault({}),
    smoothing: z
      .object({
        /** Butterworth low-pass cut-off, Hz (zero-phase, per unbroken stretch). */
        cutoffHz: z.number().finite().positive().max(10).default(1),
        order: z.number().int().min(1).max(8).default(3),
        /** Also smooth latitude/longitude before distances are measured (off: raw cleaned positions). */
        positions: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** Doppler speed from the unit where it has one, else speed from positions. */
    speedSource: z.enum(['doppler-preferred', 'positional']).default('doppler-preferred'),
    velocityBands: z
      .object({
        mode: z.enum(['absolute', 'relative']).default('absolute'),
        /** The 4 inner edges of the 5 bands, m/s (band 4 from the 3rd edge = HSR, band 5 = sprinting). */
        absoluteMs: z
          .tuple([speedMs, speedMs, speedMs, speedMs])
          .refine(increasing, msg('band edges'))
          .default([2, 4, 5.5, 7]),
        /** The same edges as % of the player's max speed, for relative mode. */
        relativePct: z
          .tuple([z.number().min(1).max(100), z.number().min(1).max(100), z.number().min(1).max(100), z.number().min(1).max(100)])
          .refine(increasing, msg('band edges'))
          .default([25, 50, 65, 80]),
      })
      .strict()
      .prefault({}),
    sprint: z
      .object({
        entryMs: speedMs.positive().default(7),
        exitMs: speedMs.positive().default(7),
        /** Consecutive samples at or above the entry speed that start an effort. */
        entrySamples: z.number().int().min(1).max(50).default(2),
        /** An effort counts if it stays at or above the exit speed this long, s. */
        minDurationS: z.number().finite().min(0).max(30).default(1),
        /** A dip below the exit speed shorter than this does not split an effort, s. */
        maxDipS: z.number().finite().min(0).max(10).default(0.5),
      })
      .strict()
      .refine((s) => s.exitMs <= s.entryMs, { message: 'the sprint exit speed must not exceed the entry speed', path: ['exitMs'] })
      .prefault({}),
    accel: z
      .object({
        /** Three thresholds, m/s²: efforts at or above each (and decelerations at or below minus each). */
        thresholdsMs2: z
          .tuple([z.number().positive().max(20), z.number().positive().max(20), z.number().positive().max(20)])
          .refine(increasing, msg('acceleration thresholds'))
          .default([2, 3, 4]),
        /** An effort must hold the threshold this long, s. */
        minDurationS: z.number().finite().min(0).max(10).default(0.5),
      })
      .strict()
      .prefault({}),
    metabolic: z
      .object({
        /** High metabolic load distance: distance while metabolic power exceeds this, W/kg. */
        hmldWkg: z.number().finite().positive().max(200).default(25.5),
      })
      .strict()
      .prefault({}),
    hr: z
      .object({
        maxBpm: bpm.default(200),
        restBpm: bpm.default(60),
        /** Banister TRIMP weighting: k = 1.92 (male) or 1.67 (female). */
        sex: sex.default('male'),
        /** Lower edges of the 5 zones, % of HRmax. */
        zonesPct: z
          .tuple([z.number().min(1).max(100), z.number().min(1).max(100), z.number().min(1).max(100), z.number().min(1).max(100), z.number().min(1).max(100)])
          .refine(increasing, msg('heart-rate zone edges'))
          .default([50, 60, 70, 80, 90]),
        /** Readings below this are strap contact lost (missing, not zero). */
        validMinBpm: bpm.default(30),
        validMaxBpm: bpm.default(240),
      })
      .strict()
      .refine((h) => h.restBpm < h.maxBpm, { message: 'resting heart rate must be below HRmax', path: ['restBpm'] })
      .prefault({}),
    peaks: z
      .object({
        /** Rolling windows for peak ("worst-case") periods, s. */
        windowsS: z
          .tuple([z.number().int().min(1).max(3600), z.number().int().min(1).max(3600), z.number().int().min(1).max(3600)])
          .refine(increasing, msg('peak windows'))
          .default([60, 180, 300]),
      })
      .strict()
      .prefault({}),
    /** Position -> group for the team summary (e.g. CB -> Defenders). Unlisted positions are their own group. */
    positionGroups: z.record(z.string().max(40), z.string().trim().min(1).max(40)).default({}),
    /** Per-player overrides keyed by player id. */
    players: z.record(z.string().max(64), PlayerOverridesSchema).default({}),
  })
  .strict();

export type EngineSettings = z.output<typeof EngineSettingsSchema>;
export type EngineSettingsInput = z.input<typeof EngineSettingsSchema>;
export type PlayerOverrides = z.output<typeof PlayerOverridesSchema>;

export const DEFAULT_SETTINGS: EngineSettings = EngineSettingsSchema.parse({});

/** The settings that shape the numbers (display units excluded), as canonical JSON: equal keys, equal results. */
export function settingsKey(s: EngineSettings): string {
  const { display: _display, ...computed } = s;
  return stableJson(computed);
}

