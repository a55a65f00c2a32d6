/**
 * A player can wear more than one unit in a session (a GNSS pod plus a watch or an HR strap).
 * Their streams are merged by kind: each kind (GNSS, accelerometer, heart rate) comes from one
 * unit, the one the user chose or, by default, the best one for that kind:
 *  - GNSS: the unit with the highest GNSS sample rate (a 10 Hz pod before a 1 Hz watch), then the
 *    most samples;
 *  - accelerometer: the unit with the highest accelerometer rate (the pod);
 *  - heart rate: a unit that records heart rate and nothing else (a strap), else the one with the
 *    highest heart-rate rate, then the most samples.
 * The choice is stored per participant and recorded with each result (changing it marks the
 * result stale); the result also records which unit each kind came from, and why.
 */
import { stableJson } from './stable-json.ts';

export const STREAM_KINDS = ['gnss', 'imu', 'hr'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

export const STREAM_KIND_LABEL: Readonly<Record<StreamKind, string>> = {
  gnss: 'GNSS',
  imu: 'Accelerometer',
  hr: 'Heart rate',
};

/** The default ("automatic") unit for each kind, in the user's words (combine-units.ts applies it). */
export const STREAM_DEFAULT_RULE: Readonly<Record<StreamKind, string>> = {
  gnss: 'the unit with the highest GNSS rate: the pod before a watch',
  imu: 'the unit with the highest accelerometer rate: the pod',
  hr: 'a heart-rate-only unit (the strap), else the highest heart-rate rate',
};

/** The same, short, for a picker's "Automatic" choice: the rule, true of any units (two pods, no strap); the unit it took is said under it once processed. */
export const STREAM_DEFAULT_SHORT: Readonly<Record<StreamKind, string>> = {
  gnss: 'the highest GNSS rate',
  imu: 'the highest accelerometer rate',
  hr: 'a strap (heart rate only), else the highest rate',
};

/** Which unit (by roster unit id) each kind is taken from; a kind absent = automatic. */
export type StreamChoice = Partial<Record<StreamKind, string>>;

/** Where a kind came from in a result: the unit, and why that one. */
export interface StreamSource {
  unitId: string | null;
  deviceId: string;
  /** 'chosen' by the user, or picked automatically; the text says why ("highest GNSS rate, 10 Hz"). */
  how: 'chosen' | 'automatic';
  why: string;
}

/** What a result was computed with: the choice in force, and what each kind actually came from. */
export interface ResultSources {
  choice: StreamChoice;
  used: Partial<Record<StreamKind, StreamSource>>;
}

/**
 * The unit(s) a player's result came from, as a table row names them: the unit of each kind of
 * data, in kind order, each once ("P1-2001 + WATCH-7"; "DEMO-01" when a spare pod gave it all).
 * The participant's main unit when the result does not say (computed before sources were kept).
 * A row labelled with the main unit while every number came from another read as that unit's.
 */
export function unitsUsedLabel(mainDeviceId: string, used: Partial<Record<StreamKind, { deviceId: string }>> | null | undefined): string {
  const ids: string[] = [];
  for (const k of STREAM_KINDS) {
    const id = used?.[k]?.deviceId;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids.length > 0 ? ids.join(' + ') : mainDeviceId;
}

/** The choice as a key for staleness: automatic kinds left out, in a stable order. */
export function choiceKey(choice: StreamChoice | null | undefined): string {
  const set = Object.fromEntries(STREAM_KINDS.filter((k) => choice?.[k]).map((k) => [k, choice![k]]));
  return stableJson(set);
}
