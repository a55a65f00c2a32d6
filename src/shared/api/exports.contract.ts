import { z } from 'zod';
import { id, method } from './method.ts';

export const EXPORT_KINDS = ['html', 'pdf', 'csv', 'metadata'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportedFile {
  kind: ExportKind;
  path: string;
  bytes: number;
  /** A file of that name was there before and was replaced (another export of a session of the same name and day, or an earlier one of this session). */
  replaced: boolean;
}

export interface ExportResult {
  folder: string;
  files: ExportedFile[];
  /** Whether this host can open the folder for the user (exports:open). */
  canOpen: boolean;
}

export const exportsContract = {
  /**
   * Save a session's report and data into a folder the user chose: the report (HTML), its PDF
   * (A4, portrait or landscape), the tidy CSV (docs/exports.md) and the seed's session metadata
   * CSV (device id → player). Existing files of the same names are replaced atomically.
   */
  'exports:save': method<ExportResult>()(
    z
      .object({
        sessionId: id,
        folder: z.string().trim().min(1, 'choose a folder to save into').max(4096),
        kinds: z.array(z.enum(EXPORT_KINDS)).min(1, 'choose at least one thing to export'),
        orientation: z.enum(['portrait', 'landscape']).optional(),
      })
      .strict(),
  ),
  /** Open a folder this app exported into, in the system's file manager (where the host can). */
  'exports:open': method<{ opened: boolean }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
};
