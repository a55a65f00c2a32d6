/**
 * Display units at the display edge: stored SI values converted to km/h / yards with the decimals
 * the app and the report show. Expected values are worked by hand (1 m/s = 3.6 km/h and
 * 1 yd = 0.9144 m exactly).
 */
import { describe, expect, it } from 'vitest';
import { displayDef, displayUnit, displayValue, displayValues, SI_UNITS } from '../../../src/shared/domain/units.ts';
import { formatCoverage, formatInUnits, formatMeanInUnits } from '../../../src/shared/domain/format.ts';
import { metricCatalogue } from '../../../src/shared/domain/metrics.ts';
import { DEFAULT_SETTINGS, EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';

const def = (key: string) => metricCatalogue().find((d) => d.key === key)!;
const kmhYd = { speed: 'km/h', distance: 'yd' } as const;

describe('display units', () => {
  it('names the unit a stored unit is shown in', () => {
    expect(displayUnit('m/s', kmhYd)).toBe('km/h');
    expect(displayUnit('m', kmhYd)).toBe('yd');
    expect(displayUnit('m/min', kmhYd)).toBe('yd/min');
    expect(displayUnit('m/min', SI_UNITS)).toBe('m/min');
    expect(displayUnit('m/s²', kmhYd)).toBe('m/s²');
    expect(displayUnit('au', kmhYd)).toBe('au');
  });

  it('formats stored values in the chosen units with their decimals', () => {
    // 1000 m / 0.9144 = 1093.613 yd → "1,094" (distance: 0 decimals)
    expect(formatInUnits(1000, def('distance_m'), kmhYd)).toBe('1,094');
    expect(formatInUnits(1000, def('distance_m'), SI_UNITS)).toBe('1,000');
    // 7.123 m/s × 3.6 = 25.6428 km/h → "25.6" (km/h to 0.1; m/s to 0.01)
    expect(formatInUnits(7.123, def('max_speed_ms'), kmhYd)).toBe('25.6');
    expect(formatInUnits(7.123, def('max_speed_ms'), SI_UNITS)).toBe('7.12');
    // 91.44 m/min = 100 yd/min → "100.0"
    expect(formatInUnits(91.44, def('distance_m_per_min'), kmhYd)).toBe('100.0');
    // Counts, PlayerLoad and accelerations are never converted.
    expect(formatInUnits(3, def('sprint_efforts'), kmhYd)).toBe('3');
    expect(formatInUnits(36.14, def('player_load'), kmhYd)).toBe('36.1');
    expect(formatInUnits(3.456, def('max_accel_ms2'), kmhYd)).toBe('3.46');
    // Missing stays missing, never 0.
    expect(formatInUnits(null, def('distance_m'), kmhYd)).toBe('–');
    expect(displayValue(undefined, def('max_speed_ms'), kmhYd)).toBeNull();
  });

  it('shows a team mean of counts to 0.1, every other mean like a player\'s value', () => {
    // Sprint efforts 0, 1, 2, 0, 1 → mean 4 / 5 = 0.8: "0.8", not "1".
    expect(formatMeanInUnits(4 / 5, def('sprint_efforts'), SI_UNITS)).toBe('0.8');
    expect(formatMeanInUnits(16 / 5, def('accel_efforts_1'), kmhYd)).toBe('3.2');
    // Distance mean 4713 / 5 = 942.6 m → "943" (0 decimals, as a player's); 942.6 / 0.9144 = 1030.8 yd → "1,031".
    expect(formatMeanInUnits(942.6, def('distance_m'), SI_UNITS)).toBe('943');
    expect(formatMeanInUnits(942.6, def('distance_m'), kmhYd)).toBe('1,031');
    // 7.123 m/s → 25.6 km/h: the speed keeps its display decimals.
    expect(formatMeanInUnits(7.123, def('max_speed_ms'), kmhYd)).toBe('25.6');
    expect(formatMeanInUnits(null, def('sprint_efforts'), SI_UNITS)).toBe('–');
  });

  it('converts a whole row by each key\'s unit and leaves other keys alone', () => {
    const defs = metricCatalogue();
    const row = { distance_m: 914.4, max_speed_ms: 5, player_load: 40, hr_mean_bpm: null, unknown_key: 7 };
    const out = displayValues(row, defs, kmhYd);
    expect(out.distance_m).toBeCloseTo(1000, 9); // 914.4 m = 1000 yd
    expect(out.max_speed_ms).toBeCloseTo(18, 9); // 5 m/s = 18 km/h
    expect(out.player_load).toBe(40);
    expect(out.hr_mean_bpm).toBeNull();
    expect(out.unknown_key).toBe(7);
    expect(row.distance_m).toBe(914.4); // the stored row is not touched
  });

  it('a definition already in display units is not converted twice', () => {
    const once = displayDef(def('max_speed_ms'), kmhYd);
    expect(once).toMatchObject({ unit: 'km/h', decimals: 1 });
    expect(displayDef(once, kmhYd)).toBe(once);
    expect(displayValue(25.2, once, kmhYd)).toBe(25.2);
  });

  it('labels speed thresholds in the display unit and keeps the stored value in descriptions', () => {
    const kmh = metricCatalogue(DEFAULT_SETTINGS, kmhYd);
    // 5.5 m/s = 19.8 km/h, 7 m/s = 25.2 km/h
    expect(kmh.find((d) => d.key === 'band4_distance_m')!.label).toBe('Distance 19.8–25.2 km/h');
    expect(kmh.find((d) => d.key === 'band5_time_s')!.label).toBe('Time ≥ 25.2 km/h');
    expect(kmh.find((d) => d.key === 'hsr_distance_m')!.description).toContain('≥ 19.8 km/h (5.5 m/s)');
    expect(kmh.find((d) => d.key === 'sprint_efforts')!.description).toContain('entry ≥ 25.2 km/h (7 m/s)');
    // Same keys and stored units whatever the display.
    expect(kmh.map((d) => [d.key, d.unit])).toEqual(metricCatalogue().map((d) => [d.key, d.unit]));
    // Relative bands stay in % of max.
    const rel = metricCatalogue(EngineSettingsSchema.parse({ velocityBands: { mode: 'relative' } }), kmhYd);
    expect(rel.find((d) => d.key === 'band4_distance_m')!.label).toBe('Distance 65–80 % of max');
  });

  it('period coverage as the period tables show it', () => {
    expect(formatCoverage(1)).toBe('100 %');
    expect(formatCoverage(0.951)).toBe('95 %');
    // Rounded down: a share under 95 %, flagged, never reads 95 (94.9 % rounded to the nearest did).
    expect(formatCoverage(0.949)).toBe('⚠ 94 %');
    expect(formatCoverage(0.29)).toBe('⚠ 29 %'); // 0.29 × 100 is 28.999999999999996 in binary
    expect(formatCoverage(0.884)).toBe('⚠ 88 %');
    expect(formatCoverage(0)).toBe('⚠ no data');
    expect(formatCoverage(0.004)).toBe('⚠ < 1 %');
  });
});
