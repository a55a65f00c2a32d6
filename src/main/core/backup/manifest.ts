/**
 * The backup manifest (`manifest.json`, the archive's first entry): what made the archive, the
 * database's schema version, and every other file with its size and sha256 (docs/backup.md).
 * A restore trusts nothing the manifest does not vouch for.
 */
import { z } from 'zod';

export const MANIFEST_NAME = 'manifest.json';
export const BACKUP_FORMAT = 'player1-pitchside-backup';
export const BACKUP_FORMAT_VERSION = 1;

const relPath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), 'a path inside the archive');

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  app: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.number().int().nonnegative(),
  createdAtIso: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  sourceDataDir: z.string(),
  counts: z.object({
    sessions: z.number().int().nonnegative(),
    players: z.number().int().nonnegative(),
    rawFiles: z.number().int().nonnegative(),
    reports: z.number().int().nonnegative(),
  }),
  /** Raw files the database refers to that were not in the data folder when the backup was made. */
  missing: z.array(z.string()),
  leftOut: z.array(z.string()),
  files: z.array(z.object({ path: relPath, size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export type Manifest = z.infer<typeof ManifestSchema>;
