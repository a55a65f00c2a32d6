import type { Db } from './database.ts';
import { DEFAULT_SETTINGS, EngineSettingsSchema, type EngineSettings } from '../../../shared/domain/settings.ts';

const KEY = 'engine';

/** The team settings: one validated JSON document. Absent = the defaults. */
export class SettingsRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  /**
   * The stored settings, re-validated (a document written by another version may not validate
   * now). What does not validate is read group by group: each group that fails (or a key this
   * version does not know) takes its defaults and is named in `unreadable`, and every other group
   * keeps the team's values. The stored document itself is left as it is until the next save.
   */
  get(): { settings: EngineSettings; updatedAt: number | null; unreadable: string[] } {
    const r = this.db.prepare('SELECT value_json, updated_at FROM settings WHERE key = ?').get(KEY) as
      | { value_json: string; updated_at: number }
      | undefined;
    if (!r) return { settings: DEFAULT_SETTINGS, updatedAt: null, unreadable: [] };
    let raw: unknown;
    try {
      raw = JSON.parse(r.value_json);
    } catch {
      raw = null;
    }
    const whole = EngineSettingsSchema.safeParse(raw);
    if (whole.success) return { settings: whole.data, updatedAt: r.updated_at, unreadable: [] };
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { settings: DEFAULT_SETTINGS, updatedAt: r.updated_at, unreadable: ['all'] };
    const doc = raw as Record<string, unknown>;
    const shape = EngineSettingsSchema.shape;
    const kept: Record<string, unknown> = {};
    const unreadable: string[] = [];
    for (const key of Object.keys(doc)) {
      if (!(key in shape)) unreadable.push(key);
      else if (shape[key as keyof typeof shape].safeParse(doc[key]).success) kept[key] = doc[key];
      else unreadable.push(key);
    }
    const settings = EngineSettingsSchema.safeParse(kept);
    return settings.success
      ? { settings: settings.data, updatedAt: r.updated_at, unreadable: unreadable.sort() }
      : { settings: DEFAULT_SETTINGS, updatedAt: r.updated_at, unreadable: ['all'] };
  }
  set(s: EngineSettings, now: number): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      )
      .run(KEY, JSON.stringify(s), now);
  }
  reset(): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(KEY);
  }
}
