/** The Settings page and the report name every threshold of the engine settings, each once. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';
import { SETTING_FIELDS, getSetting, pathKey, withSetting } from '../../../src/shared/domain/settings-fields.ts';

/** Every leaf of an object (array items are leaves by index), as dotted paths. */
function leaves(v: unknown, prefix: string[] = []): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...prefix, String(i)]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...prefix, k]));
  return [prefix.join('.')];
}

describe('settings fields', () => {
  it('cover every threshold of the schema exactly once (display units, groups and players have their own editors)', () => {
    const { display: _d, positionGroups: _g, players: _p, ...thresholds } = DEFAULT_SETTINGS;
    const schema = leaves(thresholds).sort();
    const fields = SETTING_FIELDS.map((f) => pathKey(f.path)).sort();
    expect(fields).toEqual(schema);
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('every field says its source, and speeds are stored in m/s', () => {
    for (const f of SETTING_FIELDS) {
      expect(f.source.length, pathKey(f.path)).toBeGreaterThan(5);
      if (f.speed) expect(f.unit).toBe('m/s');
    }
  });

  it('every source cites the paper or book itself (authors, year, title), or says the default is our own; never a file of ours', () => {
    for (const f of SETTING_FIELDS) {
      expect(f.source, pathKey(f.path)).not.toMatch(/METRICS\.md|\.py\b|\.cpp\b|\.ts\b|docs\//);
      if (!f.source.startsWith('Pitchside default')) expect(f.source, pathKey(f.path)).toMatch(/[A-Z][a-z]+ [A-Z]{1,3}\b.*\(\d{4}\)\. [A-Za-z].{10,}/);
    }
  });

  it('reads and replaces one value without touching the settings', () => {
    expect(getSetting(DEFAULT_SETTINGS, ['velocityBands', 'absoluteMs', 2])).toBe(5.5);
    const s = withSetting(DEFAULT_SETTINGS, ['velocityBands', 'absoluteMs', 2], 5.8);
    expect(s.velocityBands.absoluteMs).toEqual([2, 4, 5.8, 7]);
    expect(DEFAULT_SETTINGS.velocityBands.absoluteMs).toEqual([2, 4, 5.5, 7]);
    expect(s.sprint).toBe(DEFAULT_SETTINGS.sprint);
  });
});
