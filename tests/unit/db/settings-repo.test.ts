import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';

let t: TestCore;
beforeEach(() => {
  t = startTestCore();
});
afterEach(async () => {
  await t.close();
});

/** Writes the stored settings document as another version (or a damaged disk) might have. */
const store = (json: string) =>
  t.core.ctx.db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('engine', ?, 1) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`).run(json);
const stored = () => (t.core.ctx.db.prepare(`SELECT value_json FROM settings WHERE key = 'engine'`).get() as { value_json: string }).value_json;

describe('stored settings another version cannot read', () => {
  it('keeps every group that validates, takes the defaults for the rest, names them, and leaves the document as stored', async () => {
    // quality and display are sound team values; hr has zone edges out of order (this version's
    // schema refuses them); "surveys" is a group this version does not know.
    const doc = JSON.stringify({
      quality: { maxHdop: 1.5, minSatellites: 7 },
      display: { speed: 'm/s', distance: 'yd' },
      hr: { maxBpm: 195, restBpm: 55, zonesPct: [50, 70, 60, 80, 90] },
      surveys: { scale: 'hooper' },
    });
    store(doc);
    const info = await t.call('settings:get');
    expect(info.unreadable).toEqual(['hr', 'surveys']);
    expect(info.settings.quality).toEqual({ ...DEFAULT_SETTINGS.quality, maxHdop: 1.5, minSatellites: 7 });
    expect(info.settings.display).toEqual({ speed: 'm/s', distance: 'yd' });
    expect(info.settings.hr).toEqual(DEFAULT_SETTINGS.hr); // not the 195 / 55 of the unreadable group
    expect(stored()).toBe(doc);
    // Saving what is shown replaces the document; then everything reads.
    await t.call('settings:update', { settings: info.settings });
    expect((await t.call('settings:get')).unreadable).toEqual([]);
  });

  it('a document that is not JSON, or not an object: every default, said as "all"', async () => {
    for (const doc of ['{"quality": {"maxHdop": 1.5', '[1, 2]', 'null']) {
      store(doc);
      const info = await t.call('settings:get');
      expect(info.unreadable, doc).toEqual(['all']);
      expect(info.settings).toEqual(DEFAULT_SETTINGS);
      expect(stored()).toBe(doc);
    }
  });

  it('a readable document: nothing unreadable', async () => {
    await t.call('settings:update', { settings: { quality: { maxHdop: 1.5 } } });
    const info = await t.call('settings:get');
    expect(info.unreadable).toEqual([]);
    expect(info.settings.quality.maxHdop).toBe(1.5);
  });
});
