/**
 * Every team threshold of the engine settings, as people read it: a label, the unit it is stored
 * and edited in, and where its default comes from (the paper or book itself, or "Pitchside default"). The Settings page
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

/**
 * The papers and books the defaults come from, cited in full (author, year, title, where), so a
 * sports scientist can look them up; "Pitchside default" marks a value of our own choosing.
 */
const REF = {
  malone2017:
    'Malone JJ, Lovell R, Varley MC, Coutts AJ (2017). Unpacking the black box: applications and considerations for using GPS devices in sport. Int J Sports Physiol Perform 12(Suppl 2): S2-18–S2-26',
  raabe2022:
    'Raabe D, Biermann H, Bassek M, et al. (2022). floodlight – a high-level, data-driven sports analytics framework. Journal of Open Source Software 7(76): 4588',
  townshend2008:
    'Townshend AD, Worringham CJ, Stewart IB (2008). Assessment of speed and position during human locomotion using nondifferential GPS. Med Sci Sports Exerc 40(1): 124–132',
  abt2009:
    'Abt G, Lovell R (2009). The use of individualized speed and intensity thresholds for determining the distance run at high-intensity in professional soccer. J Sports Sci 27(9): 893–898',
  bradley2009:
    'Bradley PS, Sheldon W, Wooster B, Olsen P, Boanas P, Krustrup P (2009). High-intensity running in English FA Premier League soccer matches. J Sports Sci 27(2): 159–168',
  varley2017:
    'Varley MC, Jaspers A, Helsen WF, Malone JJ (2017). Methodological considerations when quantifying high-intensity efforts in team sport using global navigation satellite systems. Int J Sports Physiol Perform 12(8): 1059–1068',
  harper2019:
    'Harper DJ, Carling C, Kiely J (2019). High-intensity acceleration and deceleration demands in elite team sports competitive match play: a systematic review and meta-analysis of observational studies. Sports Med 49(12): 1923–1947',
  tierney2016:
    'Tierney PJ, Young A, Clarke ND, Duncan MJ (2016). Match play demands of 11 versus 11 professional football using Global Positioning System tracking: variations across common playing formations. Hum Mov Sci 49: 1–8',
  osgnach2010:
    'Osgnach C, Poser S, Bernardini R, Rinaldo R, di Prampero PE (2010). Energy cost and metabolic power in elite soccer: a new match analysis approach. Med Sci Sports Exerc 42(1): 170–178',
  banister1991:
    'Banister EW (1991). Modeling elite athletic performance. In MacDougall JD, Wenger HA, Green HJ (eds), Physiological Testing of the High-Performance Athlete, 2nd ed. Human Kinetics: 403–424',
  edwards1993: 'Edwards S (1993). The Heart Rate Monitor Book. Polar Electro Oy',
  varley2012:
    "Varley MC, Elias GP, Aughey RJ (2012). Current match-analysis techniques' underestimation of intensity periods in high-velocity sports. Int J Sports Physiol Perform 7(2): 183–185",
} as const;

const BAND_EDGE = ['Band 1 → 2', 'Band 2 → 3', 'Band 3 → 4 (HSR)', 'Band 4 → 5 (sprinting)'] as const;

export const SETTING_GROUPS: readonly SettingGroup[] = [
  {
    id: 'quality',
    title: 'Quality gate',
    note: 'Fixes worse than these are dropped before anything is measured (unknown HDOP or satellite counts are kept).',
    fields: [
      { path: ['quality', 'maxHdop'], label: 'Max HDOP', unit: '', kind: 'number', source: `Pitchside default (2.0); no published consensus: ${REF.malone2017} ask reports to state it` },
      { path: ['quality', 'minSatellites'], label: 'Min satellites', unit: '', kind: 'integer', source: `Pitchside default (6); no published consensus: ${REF.malone2017} ask reports to state it` },
    ],
  },
  {
    id: 'spikes',
    title: 'Spike removal',
    note: 'A fix implying a faster speed or a sharper change of speed is a spike, not a sprint.',
    fields: [
      { path: ['spikes', 'maxSpeedMs'], label: 'Max speed', unit: 'm/s', kind: 'number', speed: true, source: 'Pitchside default: 10 m/s, above the fastest team-sport sprints' },
      { path: ['spikes', 'maxAccelMs2'], label: 'Max change of speed', unit: 'm/s²', kind: 'number', source: 'Pitchside default: about ±10 m/s² between fixes, beyond what a runner can do' },
    ],
  },
  {
    id: 'gaps',
    title: 'Gap interpolation',
    note: 'Shorter gaps are filled by linear interpolation; longer gaps break the track (no speed or effort across them) and their distance is estimated (Doppler speed × time where plausible, else the straight line), counted apart.',
    fields: [
      { path: ['gaps', 'maxGapS'], label: 'Longest gap filled', unit: 's', kind: 'number', source: 'Pitchside default: interpolate gaps up to 2 s' },
      { path: ['gaps', 'maxGapSamples'], label: '…or sample intervals (units slower than 1.5 Hz)', unit: 'intervals', kind: 'integer', source: 'Pitchside default: 3 intervals, for 1 Hz and smart-recording watches' },
    ],
  },
  {
    id: 'smoothing',
    title: 'Smoothing and speed',
    note: 'Zero-phase Butterworth low-pass of the speed, per unbroken stretch.',
    fields: [
      { path: ['smoothing', 'cutoffHz'], label: 'Cut-off', unit: 'Hz', kind: 'number', source: `1 Hz, as floodlight's Butterworth low-pass: ${REF.raabe2022}` },
      { path: ['smoothing', 'order'], label: 'Filter order', unit: '', kind: 'integer', source: `Order 3, as floodlight's Butterworth low-pass: ${REF.raabe2022}` },
      { path: ['smoothing', 'positions'], label: 'Also smooth positions', unit: '', kind: 'boolean', source: 'Pitchside default: off (distances from the cleaned positions)' },
      {
        path: ['speedSource'],
        label: 'Speed source',
        unit: '',
        kind: 'choice',
        choices: [
          { value: 'doppler-preferred', label: 'Doppler where the unit gives it' },
          { value: 'positional', label: 'From positions only' },
        ],
        source: `Doppler speed is more accurate than speed from positions: ${REF.townshend2008}`,
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
        source: `Pitchside default: absolute; individual thresholds: ${REF.abt2009}`,
      },
      ...BAND_EDGE.map((label, i): SettingField => ({
        path: ['velocityBands', 'absoluteMs', i],
        label: `${label}, absolute`,
        unit: 'm/s',
        kind: 'number',
        speed: true,
        source: i === 2 ? `High-speed running from 19.8 km/h (5.5 m/s): ${REF.bradley2009}` : i === 3 ? `Sprinting from 25.2 km/h (7 m/s): ${REF.bradley2009}` : 'Pitchside default: 2 and 4 m/s',
      })),
      ...BAND_EDGE.map((label, i): SettingField => ({
        path: ['velocityBands', 'relativePct', i],
        label: `${label}, relative`,
        unit: '% of max',
        kind: 'number',
        source: `Pitchside default: 25, 50, 65, 80 % (illustrative; no consensus); individual thresholds: ${REF.abt2009}`,
      })),
    ],
  },
  {
    id: 'sprint',
    title: 'Sprint efforts',
    note: 'An effort starts at the entry speed, continues while at or above the exit speed, and counts if it lasts long enough.',
    fields: [
      { path: ['sprint', 'entryMs'], label: 'Entry speed', unit: 'm/s', kind: 'number', speed: true, source: `Sprinting from 25.2 km/h (7 m/s): ${REF.bradley2009}` },
      { path: ['sprint', 'exitMs'], label: 'Exit speed', unit: 'm/s', kind: 'number', speed: true, source: 'Pitchside default: equal to the entry speed (set lower for hysteresis)' },
      { path: ['sprint', 'entrySamples'], label: 'Samples at entry speed to start', unit: 'samples', kind: 'integer', source: `Pitchside default: 2 samples; how effort rules change counts: ${REF.varley2017}` },
      { path: ['sprint', 'minDurationS'], label: 'Minimum duration', unit: 's', kind: 'number', source: `Pitchside default: 1.0 s; how minimum durations change counts: ${REF.varley2017}` },
      { path: ['sprint', 'maxDipS'], label: 'Longest dip that does not split an effort', unit: 's', kind: 'number', source: `Pitchside default: 0.5 s; see ${REF.varley2017}` },
    ],
  },
  {
    id: 'accel',
    title: 'Accelerations and decelerations',
    note: 'Efforts at or above each threshold (decelerations at or below minus each), held for the minimum duration.',
    fields: [
      { path: ['accel', 'thresholdsMs2', 0], label: 'Threshold 1', unit: 'm/s²', kind: 'number', source: `Moderate from 2 m/s²: ${REF.harper2019}` },
      { path: ['accel', 'thresholdsMs2', 1], label: 'Threshold 2', unit: 'm/s²', kind: 'number', source: `High intensity from 3 m/s², the most used threshold: ${REF.harper2019}` },
      { path: ['accel', 'thresholdsMs2', 2], label: 'Threshold 3', unit: 'm/s²', kind: 'number', source: 'Pitchside default: 4 m/s² (very high intensity)' },
      { path: ['accel', 'minDurationS'], label: 'Minimum duration', unit: 's', kind: 'number', source: `Pitchside default: 0.5 s; see ${REF.varley2017}` },
    ],
  },
  {
    id: 'imu',
    title: 'Accelerometer',
    note: 'A reading beyond this on any axis is a sensor or file fault, not movement: it is left out of PlayerLoad, and the result says how many and when the first was.',
    fields: [{ path: ['imu', 'maxAbsG'], label: 'Highest valid reading (any axis)', unit: 'g', kind: 'number', source: 'Pitchside default: 200 g, the range of high-g impact sensors (team-sport units measure ±16 g)' }],
  },
  {
    id: 'metabolic',
    title: 'Metabolic power',
    note: 'High metabolic load distance counts the distance covered above this power.',
    fields: [{ path: ['metabolic', 'hmldWkg'], label: 'HMLD threshold', unit: 'W/kg', kind: 'number', source: `HMLD above 25.5 W/kg: ${REF.tierney2016}; metabolic power model: ${REF.osgnach2010}` }],
  },
  {
    id: 'hr',
    title: 'Heart rate',
    note: 'Team values; a player\'s own HRmax, resting HR and sex (below) take precedence.',
    fields: [
      { path: ['hr', 'maxBpm'], label: 'HRmax', unit: 'bpm', kind: 'number', source: 'Pitchside default: a placeholder (200 bpm); set each player\'s own' },
      { path: ['hr', 'restBpm'], label: 'Resting HR', unit: 'bpm', kind: 'number', source: 'Pitchside default: a placeholder (60 bpm); set each player\'s own' },
      {
        path: ['hr', 'sex'],
        label: 'Banister TRIMP weighting',
        unit: '',
        kind: 'choice',
        choices: [
          { value: 'male', label: 'Men (k = 1.92)' },
          { value: 'female', label: 'Women (k = 1.67)' },
        ],
        source: `Banister TRIMP: ${REF.banister1991}`,
      },
      ...[0, 1, 2, 3, 4].map((i): SettingField => ({
        path: ['hr', 'zonesPct', i],
        label: `Zone ${i + 1} from`,
        unit: '% HRmax',
        kind: 'number',
        source: `50, 60, 70, 80, 90 % of HRmax, weighted 1–5: ${REF.edwards1993}`,
      })),
      { path: ['hr', 'validMinBpm'], label: 'Lowest valid reading', unit: 'bpm', kind: 'number', source: 'Pitchside default: below 30 bpm the strap lost contact (missing, not zero)' },
      { path: ['hr', 'validMaxBpm'], label: 'Highest valid reading', unit: 'bpm', kind: 'number', source: 'Pitchside default: 240 bpm' },
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
      source: `Pitchside default: 1, 3 and 5 minutes, as rolling windows: ${REF.varley2012}`,
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
