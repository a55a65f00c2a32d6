import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, EngineSettingsSchema, settingsKey } from '../../../src/shared/domain/settings.ts';
import { distanceFromM, distanceToM, speedFromMs, speedToMs, toDisplay } from '../../../src/shared/domain/units.ts';
import { metricCatalogue } from '../../../src/shared/domain/metrics.ts';

describe('settings', () => {
  it('defaults are those of METRICS.md', () => {
    expect(DEFAULT_SETTINGS.quality).toEqual({ maxHdop: 2, minSatellites: 6 });
    expect(DEFAULT_SETTINGS.spikes).toEqual({ maxSpeedMs: 10, maxAccelMs2: 10 });
    expect(DEFAULT_SETTINGS.gaps.maxGapS).toBe(2);
    expect(DEFAULT_SETTINGS.smoothing).toMatchObject({ cutoffHz: 1, order: 3 });
    expect(DEFAULT_SETTINGS.velocityBands.absoluteMs).toEqual([2, 4, 5.5, 7]);
    expect(DEFAULT_SETTINGS.sprint).toMatchObject({ entryMs: 7, minDurationS: 1, maxDipS: 0.5, entrySamples: 2 });
    expect(DEFAULT_SETTINGS.accel).toEqual({ thresholdsMs2: [2, 3, 4], minDurationS: 0.5 });
    expect(DEFAULT_SETTINGS.metabolic.hmldWkg).toBe(25.5);
    expect(DEFAULT_SETTINGS.hr.zonesPct).toEqual([50, 60, 70, 80, 90]);
    expect(DEFAULT_SETTINGS.peaks.windowsS).toEqual([60, 180, 300]);
  });

  it('rejects band edges that do not increase, and an exit speed above the entry speed', () => {
    expect(EngineSettingsSchema.safeParse({ velocityBands: { absoluteMs: [2, 5.5, 4, 7] } }).success).toBe(false);
    expect(EngineSettingsSchema.safeParse({ sprint: { entryMs: 7, exitMs: 7.5 } }).success).toBe(false);
    expect(EngineSettingsSchema.safeParse({ quality: { maxHdop: -1 } }).success).toBe(false);
  });

  it('the settings key ignores display units and key order, and changes with any threshold', () => {
    const a = EngineSettingsSchema.parse({ display: { speed: 'm/s' } });
    expect(settingsKey(a)).toBe(settingsKey(DEFAULT_SETTINGS));
    expect(settingsKey(EngineSettingsSchema.parse({ quality: { maxHdop: 2.5 } }))).not.toBe(settingsKey(DEFAULT_SETTINGS));
  });

  it('labels metrics with the thresholds in force', () => {
    const defs = metricCatalogue(EngineSettingsSchema.parse({ velocityBands: { absoluteMs: [2, 4, 5, 6.5] } }));
    expect(defs.find((d) => d.key === 'band4_distance_m')!.label).toBe('Distance 5–6.5 m/s');
    expect(defs.find((d) => d.key === 'hsr_distance_m')!.description).toContain('≥ 5 m/s');
  });
});

describe('display units', () => {
  it('speed: 1 m/s = 3.6 km/h exactly', () => {
    // 5.5 m/s × 3.6 = 19.8 km/h (HSR); 7 m/s × 3.6 = 25.2 km/h (sprint)
    expect(speedFromMs(5.5, 'km/h')).toBeCloseTo(19.8, 12);
    expect(speedFromMs(7, 'km/h')).toBeCloseTo(25.2, 12);
    expect(speedToMs(25.2, 'km/h')).toBeCloseTo(7, 12);
    expect(speedFromMs(7, 'm/s')).toBe(7);
  });

  it('distance: 1 yd = 0.9144 m exactly', () => {
    // 100 m / 0.9144 = 109.36133 yd; 1000 yd × 0.9144 = 914.4 m
    expect(distanceFromM(100, 'yd')).toBeCloseTo(109.36133, 5);
    expect(distanceToM(1000, 'yd')).toBeCloseTo(914.4, 9);
  });

  it('converts a metric by its unit and says the unit to show', () => {
    const units = { speed: 'km/h', distance: 'yd' } as const;
    expect(toDisplay(5.5, { unit: 'm/s' }, units)).toEqual({ value: expect.closeTo(19.8, 9), unit: 'km/h' });
    expect(toDisplay(91.44, { unit: 'm/min' }, units)).toEqual({ value: expect.closeTo(100, 9), unit: 'yd/min' });
    expect(toDisplay(250, { unit: 'au' }, units)).toEqual({ value: 250, unit: 'au' });
    expect(toDisplay(null, { unit: 'm' }, units)).toEqual({ value: null, unit: 'yd' });
  });
});
