import type { Db } from './database.ts';
import { DEFAULT_SETTINGS, EngineSettingsSchema, type EngineSettings } from '../../../shared/domain/settings.ts';

const KEY = 'engine';

/** The team settings: one validated JSON document. Absent = the defaults. */
export class SettingsRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  get(): { settings: EngineSettings; updatedAt: number | null } {
    const r = this.db.prepare('SELECT value_json, updated_at FROM settings WHERE key = ?').get(KEY) as
      | { value_json: string; updated_at: number }
      | undefined;
    if (!r) return { settings: DEFAULT_SETTINGS, updatedAt: null };
    // Stored by this app through the schema; a document written by another version is re-validated,
    // and one that no longer validates falls back to the defaults rather than guessing.
    const parsed = EngineSettingsSchema.safeParse(JSON.parse(r.value_json));
    return { settings: parsed.success ? parsed.data : DEFAULT_SETTINGS, updatedAt: r.updated_at };
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
