import { visibleText } from '../../../shared/domain/visible-text.ts';

/**
 * A file that cannot be decoded. Always names the file and, where known, the line (text formats)
 * or byte offset (binary formats), so the user can find the place.
 */
export class FormatError extends Error {
  readonly code: string;
  readonly file: string;
  readonly line: number | null;
  readonly offset: number | null;

  constructor(code: string, file: string, detail: string, where: { line?: number; offset?: number } = {}) {
    const place =
      where.line != null ? ` line ${where.line}` : where.offset != null ? ` at byte ${where.offset}` : '';
    // Names and values quoted from the file never carry its control bytes into a message.
    super(visibleText(`${file}${place}: ${detail}`, { newlines: false }));
    this.name = 'FormatError';
    this.code = code;
    this.file = visibleText(file, { newlines: false });
    this.line = where.line ?? null;
    this.offset = where.offset ?? null;
  }
}
