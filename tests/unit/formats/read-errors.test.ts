/**
 * Issue 16 item 6: a damaged GPX/TCX or a failed read is told in the user's words — the file, the
 * line, what is wrong and what to do — never fast-xml-parser's "Invalid '[...]' found" or a bare
 * "bad file descriptor". The truncated files are real device/app exports cut in the test.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readGpx } from '../../../src/main/core/formats/gpx.reader.ts';
import { readTcx } from '../../../src/main/core/formats/tcx.reader.ts';
import { FormatError } from '../../../src/main/core/formats/format-error.ts';
import { readFailureText } from '../../../src/main/core/formats/read-failure.ts';
import { fromError } from '../../../src/main/core/imports/scan-file.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';

const skipNote = HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`;
const RAW = /Invalid '|found \(column|is not expected|Expected closing|bad file descriptor|EBADF|column \d/;

function errorOf(f: () => unknown): FormatError {
  try {
    f();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

/** Cut a file just after the n-th closing `</tag>` so it ends between elements, and count its lines by hand. */
function cutAfter(text: string, close: string, n: number): { bytes: Uint8Array; lines: number } {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf(close, at + 1);
  expect(at).toBeGreaterThan(0);
  const cut = text.slice(0, at + close.length);
  return { bytes: new TextEncoder().encode(cut), lines: cut.split('\n').length };
}

describe.skipIf(!HAS_SHARED_DATA)(`damaged GPX and TCX are told as such${skipNote}`, () => {
  it('a GPX cut off mid-track names the file, its last line and the open element, with what to do', () => {
    const text = readFileSync(sharedData('gpx-gpxpy/Mojstrovka.gpx'), 'utf8');
    const { bytes, lines } = cutAfter(text, '</trkpt>', 5);
    const e = errorOf(() => readGpx(bytes, { file: 'Mojstrovka.gpx' }));
    expect(e.code).toBe('XML_INVALID');
    expect(e.line).toBe(lines);
    expect(e.message).toBe(
      `Mojstrovka.gpx line ${lines}: is not valid GPX: the file is cut off or damaged near line ${lines} (a <trkseg> element is not closed, nor 2 around it). Export it again from the watch or platform, or copy it again from the unit.`,
    );
    expect(e.message).not.toMatch(RAW);
  });

  it('a TCX cut in the middle of a tag says cut off near its last line, without parser text', () => {
    const text = readFileSync(sharedData('tcx-tcxparser/test.tcx'), 'utf8');
    const end = text.indexOf('</Trackpoint>', text.length >> 1) + 5; // inside "</Tra"
    const cut = text.slice(0, end);
    const lines = cut.split('\n').length;
    const e = errorOf(() => readTcx(new TextEncoder().encode(cut), { file: 'test.tcx' }));
    expect(e.code).toBe('XML_INVALID');
    expect(e.line).toBe(lines);
    expect(e.message).toMatch(new RegExp(`^test\\.tcx line ${lines}: is not valid TCX: the file is cut off or damaged near line ${lines} \\(`));
    expect(e.message).toContain('Export it again');
    expect(e.message).not.toMatch(RAW);
  });
});

describe('damage in the middle of an XML file', () => {
  it('names the line of the damage, not the end', () => {
    const broken = '<?xml version="1.0"?>\n<gpx version="1.1">\n<trk><trkseg>\n<trkpt lat="1" lon="2"></trkseg>\n</trk></gpx>\n';
    const e = errorOf(() => readGpx(new TextEncoder().encode(broken), { file: 'c.gpx' }));
    expect(e).toMatchObject({ code: 'XML_INVALID', line: 4 });
    expect(e.message).toBe('c.gpx line 4: is not valid GPX: it is damaged at line 4 (an element is opened or closed out of order). Export it again from the watch or platform, or copy it again from the unit.');
  });
});

describe('system read errors', () => {
  it('EBADF from a read is what went wrong and what to do, naming the file; the code stays for programs', () => {
    const err = Object.assign(new Error('EBADF: bad file descriptor, read'), { code: 'EBADF' });
    const f = fromError(err, 'session/unit7.fit');
    expect(f.code).toBe('READ_FAILED');
    expect(f.message).toBe('session/unit7.fit: cannot be read: the system lost hold of it while reading (the card, stick or unit was removed, or the network drive dropped). Reconnect it and try again.');
    expect(f.message).not.toMatch(RAW);
  });

  it('every code gets a sentence; an unknown one a generic sentence, never the raw code', () => {
    expect(readFailureText('EACCES')).toContain('not allowed to read it');
    expect(readFailureText('EWHATEVER')).toBe('cannot be read: the system could not read it. Check that the drive is connected, copy the file to this computer and try again.');
    expect(readFailureText(undefined)).not.toMatch(/E[A-Z]{2,}/);
  });
});
