/**
 * A reader's failure as an import finding shows it: always naming the file. A text file too big
 * for one JavaScript string (V8's limit, ~512 MiB, below the 1 GiB file limit) is TOO_LARGE, not
 * an internal error without a name (seen with 600 MB GPX and NMEA files; the message below is V8's).
 */
import { describe, expect, it } from 'vitest';
import { fromError } from '../../../src/main/core/imports/scan-file.ts';
import { FormatError } from '../../../src/main/core/formats/format-error.ts';

describe('fromError', () => {
  it("V8's string limit is TOO_LARGE, naming the file", () => {
    expect(fromError(new RangeError('Cannot create a string longer than 0x1fffffe8 characters'), 'huge.gpx')).toMatchObject({
      severity: 'error',
      code: 'TOO_LARGE',
      message: 'huge.gpx: too large to read as text (more than ~512 MiB in one file)',
    });
  });

  it('anything unexpected still names the file; a FormatError keeps its place', () => {
    expect(fromError(new Error('boom'), 'x.fit')).toMatchObject({ code: 'INTERNAL', message: 'x.fit: boom' });
    expect(fromError(new FormatError('CSV_VALUE', 'a.csv', 'bad', { line: 3 }), 'a.csv')).toMatchObject({ code: 'CSV_VALUE', line: 3 });
  });
});
