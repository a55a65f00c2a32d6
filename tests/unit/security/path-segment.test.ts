/** Names from outside as one path component: what is refused, and the made-safe form. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { isSafeSegment, toSafeSegment, unsafeSegmentReason } from '../../../src/shared/security/path-segment.ts';
import { isInside, joinInside } from '../../../src/main/core/security/inside.ts';
import { parseMetaCsv } from '../../../src/main/core/formats/meta-csv.ts';
import { safeName } from '../../../src/main/core/devices/download/journal.ts';

describe('path segments from outside', () => {
  it('accepts plain names', () => {
    for (const n of ['P1-1001', 'gps.csv', 'rec-2.p1', 'a..b', '.hidden', 'José', 'CONSOLE', 'com10']) expect(unsafeSegmentReason(n), n).toBeNull();
  });

  it('refuses names that leave their folder or are not plain on some system', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['.', /leave its folder/],
      ['..', /leave its folder/],
      ['../gps.csv', /separator/],
      ['a/b', /separator/],
      ['a\\b', /separator/],
      ['/etc/passwd', /separator/],
      ['C:', /colon/],
      ['C:\\x', /separator|colon/],
      ['file.txt:stream', /colon/],
      ['a\u0000b', /control/],
      ['a\nb', /control/],
      ['CON', /reserved/],
      ['nul.csv', /reserved/],
      ['Com1', /reserved/],
      ['LPT9.txt', /reserved/],
      ['name.', /dot or a space/],
      ['name ', /dot or a space/],
      ['x'.repeat(256), /255 bytes/],
    ];
    for (const [n, re] of cases) expect(unsafeSegmentReason(n), JSON.stringify(n)).toMatch(re);
  });

  it('makes any name safe for a folder of ours, never . or ..', () => {
    expect(toSafeSegment('..')).toBe('_.._');
    expect(toSafeSegment('.')).toBe('_._');
    expect(toSafeSegment('../../etc')).toBe('.._.._etc');
    expect(toSafeSegment('CON')).toBe('_CON_');
    expect(toSafeSegment('')).toBe('_');
    expect(toSafeSegment('P1-0001')).toBe('P1-0001');
    for (const n of ['..', '.', '/', 'a/../..', 'aux', 'x.', '\u0000']) expect(isSafeSegment(toSafeSegment(n)), n).toBe(true);
    expect(safeName('..')).toBe('_.._');
  });

  it('joinInside refuses an unsafe segment and keeps every result inside the root', () => {
    expect(joinInside('/data/s', ['P1-1001', 'gps.csv'])).toBe(join('/data/s', 'P1-1001', 'gps.csv'));
    expect(() => joinInside('/data/s', ['..', 'gps.csv'], 'device_id')).toThrow(/device_id "\.\." is refused: "\.\." would leave its folder/);
    expect(isInside('/data/s', '/data/s/a')).toBe(true);
    expect(isInside('/data/s', '/data/s')).toBe(true);
    expect(isInside('/data/s', '/data/s/../t')).toBe(false);
    expect(isInside('/data/s', '/data/sx')).toBe(false);
  });

  it('meta.csv: a device_id of .. is an error naming the file and line', () => {
    expect(() => parseMetaCsv('device_id,player_name,position\nP1-1,Ann,CM\n..,Bob,CB\n', 'meta.csv')).toThrow(/device_id "\.\." cannot name a unit folder/);
    let err: unknown = null;
    try {
      parseMetaCsv('device_id,player_name,position\n..,Bob,CB\n', 'meta.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ file: 'meta.csv', line: 2 });
  });
});
