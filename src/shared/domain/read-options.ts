/**
 * The reader options a file was decoded with at import, recorded with the session's link to it so
 * that processing decodes exactly what the user saw (src/main/core/formats/reader.ts ReadOptions).
 */
import { z } from 'zod';

/** An IANA zone ('Europe/London') or a fixed offset ('+01:00', 'UTC'); the core checks it exists. */
export const timeZoneName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/:]+$/, 'a time zone is an IANA name such as Europe/London, or an offset such as +01:00');

export const FileReadOptionsSchema = z
  .object({
    /** Zone of a unit whose clock runs on local time (Catapult raw, Axivity formatted times). */
    timeZone: timeZoneName.optional(),
    /** When the file was imported (UTC ms): turns on the GPS 10-bit week-rollover repair (NMEA). */
    referenceMs: z.number().int().min(0).max(4_102_444_800_000).optional(),
    /** The user accepted a damaged FIT file after seeing its error: read its complete messages. */
    ignoreChecksums: z.boolean().optional(),
  })
  .strict();

export type FileReadOptions = z.infer<typeof FileReadOptionsSchema>;
