/**
 * Every team threshold of the engine settings, as people read it: a label, the unit it is stored
 * and edited in, and where its default comes from (METRICS.md, docs/metrics.md). The Settings page
 * draws its form from this list and the report prints the settings used with it, so both name a
 * threshold the same way. A unit test checks that it covers every threshold of the schema.
 */
import type { EngineSettings } from './settings.ts';

export type SettingPath = readonly (string | number)[];

export interface SettingField {
  path: SettingPath;
  label: string;
  /** The unit the value is stored and entered in ('' for counts and choices). */
  unit: string;
  kind: 'number' | 'integer' | 'choice' | 'boolean';
  choices?: readonly { value: string; label: string }[];
  /** A speed in m/s: the page shows it in the display speed unit too. */
  speed?: boolean;
  /** Where the default comes from. */
  source: string;
}

export interface SettingGroup {
  id: string;
  title: string;
  /** What the group's thresholds do, in one sentence. */
  note: string;
  fields: readonly SettingField[];
}

const BAND_EDGE = ['Band 1 → 2', 'Band 2 → 3', 'Band 3 → 4 (HSR)', 'Band 4 → 5 (sprinting)'] as const;

export const SETTING_GROUPS: readonly SettingGroup[] = [
  {
    id: 'quality',
    title: 'Quality gate',
    note: 'Fixes worse than these are dropped before anything is measured (unknown HDOP or satellite counts are kept).',
    fields: [
      { path: ['quality', 'maxHdop'], label: 'Max HDOP', unit: '', kind: 'number', source: 'METRICS.md default; no published consensus (Malone 2017 asks reports to state it)' },
      { path: ['quality', 'minSatellites'], label: 'Min satellites', unit: '', kind: 'integer', source: 'METRICS.md default; no published consensus' },
    ],
  },
  {
    id: 'spikes',
    title: 'Spike removal',
    note: 'A fix implying a faster speed or a sharper change of speed is a spike, not a sprint.',
    fields: [
      { path: ['spikes', 'maxSpeedMs'], label: 'Max speed', unit: 'm/s', kind: 'number', speed: true, source: 'METRICS.md: 10 m/s for team sports' },
      { path: ['spikes', 'maxAccelMs2'], label: 'Max change of speed', unit: 'm/s²', kind: 'number', source: 'METRICS.md: about ±10 m/s² between fixes' },
    ],
  },
  {
    id: 'gaps',
    title: 'Gap interpolation',
    note: 'Shorter gaps are filled by linear interpolation; longer gaps stay gaps and no distance is invented across them.',
    fields: [
      { path: ['gaps', 'maxGapS'], label: 'Longest gap filled', unit: 's', kind: 'number', source: 'METRICS.md: interpolate gaps up to 2 s' },
      { path: ['gaps', 'maxGapSamples'], label: '…or sample intervals (units slower than 1.5 Hz)', unit: 'intervals', kind: 'integer', source: 'Pitchside: 3 intervals, for 1 Hz and smart-recording watches' },
    ],
  },
  {
    id: 'smoothing',
    title: 'Smoothing and speed',
    note: 'Zero-phase Butterworth low-pass of the speed, per unbroken stretch.',
    fields: [
      { path: ['smoothing', 'cutoffHz'], label: 'Cut-off', unit: 'Hz', kind: 'number', source: 'floodlight transforms/filter.py: 1 Hz' },
      { path: ['smoothing', 'order'], label: 'Filter order', unit: '', kind: 'integer', source: 'floodlight transforms/filter.py: order 3' },
      { path: ['smoothing', 'positions'], label: 'Also smooth positions', unit: '', kind: 'boolean', source: 'Pitchside: off (distances from the cleaned positions)' },
      {
        path: ['speedSource'],
        label: 'Speed source',
        unit: '',
        kind: 'choice',
        choices: [
          { value: 'doppler-preferred', label: 'Doppler where the unit gives it' },
          { value: 'positional', label: 'From positions only' },
        ],
        source: 'METRICS.md: prefer Doppler; positional differentiation amplifies noise',
      },
    ],
  },
  {
    id: 'velocityBands',
    title: 'Velocity bands',
    note: 'Five bands from four edges. Absolute edges are speeds; relative edges are % of the player\'s max speed (their own, else the session\'s).',
    fields: [
      {
        path: ['velocityBands', 'mode'],
        label: 'Band edges are',
        unit: '',
        kind: 'choice',
        choices: [
          { value: 'absolute', label: 'Absolute speeds' },
          { value: 'relative', label: "% of each player's max speed" },
        ],
        source: 'METRICS.md: absolute by default; relative is per player',
      },
      ...BAND_EDGE.map((label, i): SettingField => ({
        path: ['velocityBands', 'absoluteMs', i],
        label: `${label}, absolute`,
        unit: 'm/s',
        kind: 'number',
        speed: true,
        source: i === 2 ? 'Catapult and STATSports HSR: 5.5 m/s = 19.8 km/h' : i === 3 ? 'Catapult and STATSports sprint: 7 m/s = 25.2 km/h' : 'METRICS.md: 2 and 4 m/s',
      })),
      ...BAND_EDGE.map((label, i): SettingField => ({
        path: ['velocityBands', 'relativePct', i],
        label: `${label}, relative`,
        unit: '% of max',
        kind: 'number',
        source: 'Pitchside: 25, 50, 65, 80 % (illustrative; no consensus)',
      })),
    ],
  },
  {
    id: 'sprint',
    title: 'Sprint efforts',
    note: 'An effort starts at the entry speed, continues while at or above the exit speed, and counts if it lasts long enough.',
    fields: [
      { path: ['sprint', 'entryMs'], label: 'Entry speed', unit: 'm/s', kind: 'number', speed: true, source: 'STATSports: 7 m/s = 25.2 km/h' },
      { path: ['sprint', 'exitMs'], label: 'Exit speed', unit: 'm/s', kind: 'number', speed: true, source: 'Pitchside: equal to the entry speed (set lower for hysteresis)' },
      { path: ['sprint', 'entrySamples'], label: 'Samples at entry speed to start', unit: 'samples', kind: 'integer', source: 'STATSports: 2 samples' },
      { path: ['sprint', 'minDurationS'], label: 'Minimum duration', unit: 's', kind: 'number', source: 'STATSports: 1.0 s' },
      { path: ['sprint', 'maxDipS'], label: 'Longest dip that does not split an effort', unit: 's', kind: 'number', source: 'STATSports: 0.5 s' },
    ],
  },
  {
    id: 'accel',
    title: 'Accelerations and decelerations',
    note: 'Efforts at or above each threshold (decelerations at or below minus each), held for the minimum duration.',
    fields: [
      { path: ['accel', 'thresholdsMs2', 0], label: 'Threshold 1', unit: 'm/s²', kind: 'number', source: "Catapult's lower band: 2 m/s²" },
      { path: ['accel', 'thresholdsMs2', 1], label: 'Threshold 2', unit: 'm/s²', kind: 'number', source: 'STATSports: 3 m/s²' },
      { path: ['accel', 'thresholdsMs2', 2], label: 'Threshold 3', unit: 'm/s²', kind: 'number', source: 'Pitchside: 4 m/s² (high intensity)' },
      { path: ['accel', 'minDurationS'], label: 'Minimum duration', unit: 's', kind: 'number', source: 'STATSports: 0.5 s' },
    ],
  },
  {
    id: 'imu',
    title: 'Accelerometer',
    note: 'A reading beyond this on any axis is a sensor or file fault, not movement: it is left out of PlayerLoad, and the result says how many and when the first was.',
    fields: [{ path: ['imu', 'maxAbsG'], label: 'Highest valid reading (any axis)', unit: 'g', kind: 'number', source: 'Pitchside: 200 g, the range of high-g impact sensors (team-sport units measure ±16 g)' }],
  },
  {
    id: 'metabolic',
    title: 'Metabolic power',
    note: 'High metabolic load distance counts the distance covered above this power.',
    fields: [{ path: ['metabolic', 'hmldWkg'], label: 'HMLD threshold', unit: 'W/kg', kind: 'number', source: 'Catapult: 25.5 W/kg' }],
  },
  {
    id: 'hr',
    title: 'Heart rate',
    note: 'Team values; a player\'s own HRmax, resting HR and sex (below) take precedence.',
    fields: [
      { path: ['hr', 'maxBpm'], label: 'HRmax', unit: 'bpm', kind: 'number', source: 'Placeholder 200 bpm: set each player\'s own' },
      { path: ['hr', 'restBpm'], label: 'Resting HR', unit: 'bpm', kind: 'number', source: 'Placeholder 60 bpm: set each player\'s own' },
      {
        path: ['hr', 'sex'],
        label: 'Banister TRIMP weighting',
        unit: '',
        kind: 'choice',
        choices: [
          { value: 'male', label: 'Men (k = 1.92)' },
          { value: 'female', label: 'Women (k = 1.67)' },
        ],
        source: 'Banister 1991, as GoldenCheetah TRIMPPoints.cpp',
      },
      ...[0, 1, 2, 3, 4].map((i): SettingField => ({
        path: ['hr', 'zonesPct', i],
        label: `Zone ${i + 1} from`,
        unit: '% HRmax',
        kind: 'number',
        source: 'METRICS.md: 50, 60, 70, 80, 90 % (Edwards 1993 weights 1–5)',
      })),
      { path: ['hr', 'validMinBpm'], label: 'Lowest valid reading', unit: 'bpm', kind: 'number', source: 'METRICS.md: below 30 bpm the strap lost contact (missing, not zero)' },
      { path: ['hr', 'validMaxBpm'], label: 'Highest valid reading', unit: 'bpm', kind: 'number', source: 'Pitchside: 240 bpm' },
    ],
  },
  {
    id: 'peaks',
    title: 'Peak periods',
    note: 'The highest distance, HSR and PlayerLoad in any rolling window of these lengths ("worst-case scenarios").',
    fields: [0, 1, 2].map((i): SettingField => ({
      path: ['peaks', 'windowsS', i],
      label: `Window ${i + 1}`,
      unit: 's',
      kind: 'integer',
      source: 'METRICS.md: 1, 3 and 5 minutes',
    })),
  },
];

export const SETTING_FIELDS: readonly SettingField[] = SETTING_GROUPS.flatMap((g) => g.fields);

/** The value at a path of the settings (undefined when absent). */
export function getSetting(s: EngineSettings, path: SettingPath): unknown {
  let v: unknown = s;
  for (const k of path) {
    if (v == null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** A copy of the settings with one value replaced (the settings themselves are left alone). */
export function withSetting(s: EngineSettings, path: SettingPath, value: unknown): EngineSettings {
  const put = (obj: unknown, i: number): unknown => {
    const k = path[i];
    const base = Array.isArray(obj) ? [...obj] : { ...(obj as Record<string, unknown>) };
    const rec = base as Record<string | number, unknown>;
    rec[k] = i === path.length - 1 ? value : put(rec[k], i + 1);
    return base;
  };
  return put(s, 0) as EngineSettings;
}

export function pathKey(path: SettingPath): string {
  return path.join('.');
}
