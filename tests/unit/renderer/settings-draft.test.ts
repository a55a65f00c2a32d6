/**
 * The Settings form's text back to settings: unchanged values come back identical (saving an
 * unchanged form never marks results stale), edits change exactly what was edited, and what is
 * not a number is caught before the core is asked.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, EngineSettingsSchema, settingsKey } from '../../../src/shared/domain/settings.ts';
import { draftFromSettings, settingsFromDraft } from '../../../src/renderer/src/features/settings/settings-draft.ts';

describe('settings draft', () => {
  it('an unchanged form gives the same settings key', () => {
    const s = EngineSettingsSchema.parse({
      quality: { maxHdop: 1.5 },
      positionGroups: { CB: 'Defenders' },
      players: { p1: { hrMaxBpm: 195, sex: 'female' } },
      display: { distance: 'yd' },
    });
    const { settings, errors } = settingsFromDraft(draftFromSettings(s), s);
    expect(errors).toEqual({});
    expect(settingsKey(settings)).toBe(settingsKey(s));
    expect(settings.display).toEqual(s.display);
    expect(EngineSettingsSchema.parse(settings)).toEqual(s);
  });

  it('an edit changes that value only; a decimal comma is read as a point', () => {
    const d = draftFromSettings(DEFAULT_SETTINGS);
    d.values['velocityBands.absoluteMs.2'] = '5,8';
    d.values['velocityBands.mode'] = 'relative';
    d.values['smoothing.positions'] = 'true';
    const { settings, errors } = settingsFromDraft(d, DEFAULT_SETTINGS);
    expect(errors).toEqual({});
    expect(settings.velocityBands).toEqual({ mode: 'relative', absoluteMs: [2, 4, 5.8, 7], relativePct: [25, 50, 65, 80] });
    expect(settings.smoothing.positions).toBe(true);
    expect(settings.quality).toEqual(DEFAULT_SETTINGS.quality);
  });

  it('players without a value of their own are left out; blank position rows are ignored', () => {
    const d = draftFromSettings(DEFAULT_SETTINGS);
    d.players = { a: { maxSpeedMs: '', hrMaxBpm: '', hrRestBpm: '', sex: '' }, b: { maxSpeedMs: '8.9', hrMaxBpm: '', hrRestBpm: '52', sex: '' } };
    d.positionGroups = [{ position: 'CB', group: ' Defenders ' }, { position: '', group: '' }];
    const { settings, errors } = settingsFromDraft(d, DEFAULT_SETTINGS);
    expect(errors).toEqual({});
    expect(settings.players).toEqual({ b: { maxSpeedMs: 8.9, hrRestBpm: 52 } });
    expect(settings.positionGroups).toEqual({ CB: 'Defenders' });
  });

  it('catches what is not a number, a fraction where a whole number goes, and a position listed twice', () => {
    const d = draftFromSettings(DEFAULT_SETTINGS);
    d.values['quality.maxHdop'] = 'two';
    d.values['quality.minSatellites'] = '5.5';
    d.values['gaps.maxGapS'] = '';
    d.players = { b: { maxSpeedMs: 'fast', hrMaxBpm: '', hrRestBpm: '', sex: '' } };
    d.positionGroups = [{ position: 'CB', group: 'Defenders' }, { position: 'CB', group: 'Backs' }, { position: 'FW', group: '' }];
    const { errors } = settingsFromDraft(d, DEFAULT_SETTINGS);
    expect(errors).toEqual({
      'quality.maxHdop': 'enter a number',
      'quality.minSatellites': 'enter a whole number',
      'gaps.maxGapS': 'enter a number',
      'players.b.maxSpeedMs': 'enter a number',
      'positionGroups.1': 'position CB is listed twice',
      'positionGroups.2': 'name the group',
    });
  });
});
