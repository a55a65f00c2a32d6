import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanNumericCsv } from '../../../src/main/core/formats/numeric-csv.ts';
import { FormatError } from '../../../src/main/core/formats/format-error.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const scan = (s: string, required = ['a', 'b'], optional: string[] = []) =>
  scanNumericCsv(enc(s), { file: 'x.csv', required, optional });

describe('scanNumericCsv', () => {
  it('reads columns by header name into Float64Arrays', () => {
    const r = scan('a,b\n1,2.5\n-3,0.125\n');
    expect(r.rows).toBe(2);
    expect(Array.from(r.columns.a!)).toEqual([1, -3]);
    expect(Array.from(r.columns.b!)).toEqual([2.5, 0.125]);
  });

  it('matches headers case-insensitively in any order and ignores unknown columns', () => {
    const r = scan(' B ,junk,A\r\n7,x9,8\r\n', ['a', 'b']);
    // 'junk' is not requested, but its field must still be skipped; x9 is not a number but unread.
    expect(r.columns.a![0]).toBe(8);
    expect(r.columns.b![0]).toBe(7);
  });

  it('handles CRLF, a BOM, blank lines and no final newline', () => {
    const r = scan('\uFEFFa,b\r\n1,2\r\n\r\n3,4');
    expect(Array.from(r.columns.a!)).toEqual([1, 3]);
    expect(Array.from(r.columns.b!)).toEqual([2, 4]);
  });

  it('gives NaN for an empty field (absent value), not 0', () => {
    const r = scan('a,b\n,5\n6,\n');
    expect(r.columns.a![0]).toBeNaN();
    expect(r.columns.b![1]).toBeNaN();
    expect(r.columns.a![1]).toBe(6);
  });

  it('parses exponents and long mantissas like Number()', () => {
    const r = scan('a,b\n1e3,-2.5E-2\n0.12345678901234567,12345678901234567890\n');
    expect(r.columns.a![0]).toBe(1000);
    expect(r.columns.b![0]).toBe(-0.025);
    expect(r.columns.a![1]).toBe(Number('0.12345678901234567'));
    expect(r.columns.b![1]).toBe(Number('12345678901234567890'));
  });

  it('returns optional columns as null when absent', () => {
    const r = scan('a,b\n1,2\n', ['a', 'b'], ['c']);
    expect(r.columns.c).toBeNull();
  });

  it('names file, line and column for a value that is not a number', () => {
    expect(() => scan('a,b\n1,2\n3,abc\n')).toThrowError(/x\.csv line 3: column 'b': "abc" is not a number/);
    try {
      scan('a,b\n1,2\n3,abc\n');
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).line).toBe(3);
      expect((e as FormatError).code).toBe('CSV_VALUE');
    }
  });

  it('a field of megabytes is refused at its line, its length said, without turning it into a string', () => {
    // 20 MB in one field: a number no unit writes (as a string, built a character at a time, it took ~35× its size).
    const big = 'x'.repeat(20_000_000);
    expect(() => scan(`a,b\n1,2\n3,${big}\n`)).toThrowError(`x.csv line 3: column 'b': "${'x'.repeat(24)}…" (20000000 characters) is not a number`);
    // A long but plausible field still reads.
    expect(scan(`a,b\n1,${'0'.repeat(200)}5\n`).columns.b![0]).toBe(5);
  });

  it('refuses a line with too few or too many fields, naming the line', () => {
    expect(() => scan('a,b\n1,2\n3\n4,5\n')).toThrowError(/line 3: expected 2 fields, found 1/);
    expect(() => scan('a,b\n1,2,9,9\n')).toThrowError(/line 2: expected 2 fields, found 4/);
  });

  it('refuses a file whose header lacks a required column', () => {
    expect(() => scan('a,c\n1,2\n')).toThrowError(/line 1: missing column 'b' \(the header has: a, c\)/);
  });

  it('drops a final line cut short (unit unplugged mid-write) with a warning', () => {
    const r = scan('a,b\n1,2\n3,4\n5');
    expect(r.rows).toBe(2);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: 'warning', code: 'CSV_TRUNCATED', line: 4, file: 'x.csv' });
  });

  it('grows beyond its first capacity estimate (short first line, long file)', () => {
    const lines = ['a,b', '1,2'];
    for (let i = 0; i < 5000; i++) lines.push(`${i}.5,${i}`);
    const r = scan(lines.join('\n'));
    expect(r.rows).toBe(5001);
    expect(r.columns.a![5000]).toBe(4999.5);
  });

  it('gives exactly parseFloat for any decimal it writes fast (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 9 }), (vals, d) => {
        const texts = vals.map((v) => v.toFixed(d));
        const r = scan(`a,b\n${texts.map((t) => `${t},0`).join('\n')}\n`);
        texts.forEach((t, i) => expect(Object.is(r.columns.a![i], parseFloat(t)) || r.columns.a![i] === parseFloat(t)).toBe(true));
      }),
      { numRuns: 300 },
    );
  });
});
