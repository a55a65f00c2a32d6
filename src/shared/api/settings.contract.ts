import { z } from 'zod';
import { method, none } from './method.ts';
import { EngineSettingsSchema, type EngineSettings } from '../domain/settings.ts';
import { hrConflicts } from '../domain/settings-rules.ts';

export interface SettingsInfo {
  settings: EngineSettings;
  defaults: EngineSettings;
  /** Canonical form of the settings that shape the numbers: results computed with another key are stale. */
  key: string;
  updatedAt: number | null;
  algorithmVersion: string;
  /**
   * Groups of the stored settings this version could not read (written by another version, or
   * damaged): they show, and are used with, their defaults until the next save ('all': none could
   * be read). Empty normally.
   */
  unreadable: string[];
}

export const settingsContract = {
  'settings:get': method<SettingsInfo>()(none),
  /**
   * Replace the team settings (omitted fields take their defaults). Nothing is recomputed: stored
   * results keep the settings they were computed with and show as computed with older settings
   * until the session is processed again.
   */
  'settings:update': method<SettingsInfo>()(
    z
      .object({
        settings: EngineSettingsSchema.superRefine((s, ctx) => {
          for (const c of hrConflicts(s)) ctx.addIssue({ code: 'custom', path: ['players', c.playerId, c.field], message: c.message });
        }),
      })
      .strict(),
  ),
  'settings:reset': method<SettingsInfo>()(none),
};
