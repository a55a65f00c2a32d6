/**
 * The Settings page's form state: every threshold as the text in its input, position groups as
 * rows, players' own values as text. `settingsFromDraft` turns it back into settings for the core
 * (which validates them); values left as they were come back identical, so saving an unchanged
 * form never makes results look computed with other settings.
 */
import type { EngineSettings, PlayerOverrides } from '../../../../shared/domain/settings.ts';
import { SETTING_FIELDS, getSetting, pathKey, withSetting } from '../../../../shared/domain/settings-fields.ts';

export interface PlayerDraft {
  maxSpeedMs: string;
  hrMaxBpm: string;
  hrRestBpm: string;
  sex: '' | 'male' | 'female';
}

export interface SettingsDraft {
  /** By pathKey: the input's text (numbers), the chosen value (choices) or 'true'/'false'. */
  values: Record<string, string>;
  positionGroups: { position: string; group: string }[];
  players: Record<string, PlayerDraft>;
}

const text = (v: unknown) => (v == null ? '' : String(v));

export function draftFromSettings(s: EngineSettings): SettingsDraft {
  const values: Record<string, string> = {};
  for (const f of SETTING_FIELDS) values[pathKey(f.path)] = text(getSetting(s, f.path));
  const players: Record<string, PlayerDraft> = {};
  for (const [id, o] of Object.entries(s.players)) {
    players[id] = { maxSpeedMs: text(o.maxSpeedMs), hrMaxBpm: text(o.hrMaxBpm), hrRestBpm: text(o.hrRestBpm), sex: o.sex ?? '' };
  }
  return {
    values,
    positionGroups: Object.entries(s.positionGroups).map(([position, group]) => ({ position, group })),
    players,
  };
}

/** A number typed in an input ('' = absent); NaN when it is not one. */
function num(t: string): number | undefined {
  const v = t.trim().replace(',', '.');
  if (v === '') return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : NaN;
}

/**
 * Settings from the draft, on top of `base` (the stored settings: display units and anything the
 * form does not show stay as they are). `errors` (by pathKey, or `players.<id>.<field>`,
 * `positionGroups.<row>`) lists what is not even a number; the core checks the rest.
 */
export function settingsFromDraft(d: SettingsDraft, base: EngineSettings): { settings: EngineSettings; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let s = base;
  for (const f of SETTING_FIELDS) {
    const k = pathKey(f.path);
    const t = d.values[k] ?? '';
    if (f.kind === 'choice') s = withSetting(s, f.path, t);
    else if (f.kind === 'boolean') s = withSetting(s, f.path, t === 'true');
    else {
      const v = num(t);
      if (v === undefined || Number.isNaN(v)) errors[k] = 'enter a number';
      else if (f.kind === 'integer' && !Number.isInteger(v)) errors[k] = 'enter a whole number';
      else s = withSetting(s, f.path, v);
    }
  }
  const groups: Record<string, string> = {};
  d.positionGroups.forEach((row, i) => {
    const pos = row.position.trim();
    const group = row.group.trim();
    if (!pos && !group) return;
    if (!group) errors[`positionGroups.${i}`] = 'name the group';
    else if (pos in groups) errors[`positionGroups.${i}`] = `position ${pos || '(none)'} is listed twice`;
    else groups[pos] = group;
  });
  const players: Record<string, PlayerOverrides> = {};
  for (const [id, p] of Object.entries(d.players)) {
    const o: PlayerOverrides = {};
    for (const key of ['maxSpeedMs', 'hrMaxBpm', 'hrRestBpm'] as const) {
      const v = num(p[key]);
      if (v === undefined) continue;
      if (Number.isNaN(v)) errors[`players.${id}.${key}`] = 'enter a number';
      else o[key] = v;
    }
    if (p.sex) o.sex = p.sex;
    // A player with no value of their own is left out, as if never set.
    if (Object.keys(o).length > 0) players[id] = o;
  }
  return { settings: { ...s, positionGroups: groups, players }, errors };
}
