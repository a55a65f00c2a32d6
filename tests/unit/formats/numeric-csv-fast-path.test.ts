/**
 * The scanner reads plain rows on a fast path and everything else on the general path, switching
 * row by row. These tests check that the split is invisible: same values as Number() on the text,
 * same lines in messages and warnings, whatever mix of plain and odd rows a file has.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanNumericCsv } from '../../../src/main/core/formats/numeric-csv.ts';
import { withScratch } from '../../../src/main/core/util/scratch.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** What a field means, by the scanner's contract: blank = absent (NaN), else Number() of the text. */
function expected(field: string, dec: string): number {
  const s = field.trim().replace(dec, '.');
  return s === '' ? NaN : Number(s);
}

/** Fields the fast path takes, and fields it hands to the general path. */
const plainField = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 9 })).map(([v, d]) => v.toFixed(d)),
  fc.integer({ min: 1_000_000_000_000, max: 1_900_000_000_000 }).map(String), // epoch ms
  fc.constantFrom('0', '-0', '-0.000', '.5', '5.', '007', '123456789012345'),
);
const oddField = fc.constantFrom('', ' 12', '3 ', '+4', '1e3', '-2.5E-2', 'NaN', '1234567890123456', '0.12345678901234567', '12.5 ');
const fieldArb = fc.oneof({ weight: 6, arbitrary: plainField }, { weight: 1, arbitrary: oddField });

const rowsArb = fc.record({
  ncols: fc.integer({ min: 1, max: 10 }),
  rows: fc.array(fc.array(fieldArb, { minLength: 10, maxLength: 10 }), { minLength: 1, maxLength: 60 }),
  crlf: fc.boolean(),
  blankEvery: fc.integer({ min: 0, max: 7 }),
  finalNewline: fc.boolean(),
  comma: fc.boolean(),
});

describe('scanNumericCsv: fast and general paths agree', () => {
  it('gives Number() of every field, whatever the mix of plain and odd rows (property)', () => {
    fc.assert(
      fc.property(rowsArb, ({ ncols, rows, crlf, blankEvery, finalNewline, comma }) => {
        const sep = comma ? ';' : ',';
        const dec = comma ? ',' : '.';
        const names = Array.from({ length: ncols }, (_, j) => `c${j}`);
        const table = rows.map((r) => r.slice(0, ncols).map((f) => f.replace('.', dec)));
        const nl = crlf ? '\r\n' : '\n';
        const lines = [names.join(sep)];
        table.forEach((r, i) => {
          lines.push(r.join(sep));
          if (blankEvery > 0 && i % blankEvery === 0) lines.push('');
        });
        const text = lines.join(nl) + (finalNewline ? nl : '');
        const opts = comma ? { separator: 59, decimal: 44 } : {};
        const csv = scanNumericCsv(enc(text), { file: 'x.csv', required: names, ...opts });
        // A line with nothing on it is a blank line, not a row (one column, empty field).
        const read = table.filter((r) => r.join(sep) !== '');
        expect(csv.rows).toBe(read.length);
        expect(csv.problems).toEqual([]);
        names.forEach((nm, j) => {
          const col = csv.columns[nm]!;
          read.forEach((r, i) => expect(Object.is(col[i], expected(r[j], dec))).toBe(true));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps counting lines on the fast path: an error after many plain rows names its line', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${1773482400000 + 10 * i},0.${i % 1000},-1.25`);
    const text = `t,a,b\n${rows.join('\n')}\n\n1773482500000,0.5,x9\n`;
    expect(() => scanNumericCsv(enc(text), { file: 'imu.csv', required: ['t', 'a', 'b'] })).toThrowError(
      expect.objectContaining({ code: 'CSV_VALUE', line: 5003, message: expect.stringContaining("imu.csv line 5003: column 'b'") }),
    );
    const fields = `t,a,b\n${rows.join('\r\n')}\r\n1,2\r\n`;
    expect(() => scanNumericCsv(enc(fields), { file: 'imu.csv', required: ['t', 'a', 'b'] })).toThrowError(expect.objectContaining({ code: 'CSV_FIELDS', line: 5002 }));
  });

  it('warns about a cut last line with its line number after fast rows, and keeps the rows before it', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i}.5`);
    const csv = scanNumericCsv(enc(`a,b\n${rows.join('\n')}\n3000`), { file: 'x.csv', required: ['a', 'b'] });
    expect(csv.rows).toBe(3000);
    expect(csv.columns.b![2999]).toBe(2999.5);
    expect(csv.problems).toEqual([expect.objectContaining({ code: 'CSV_TRUNCATED', line: 3002 })]);
  });

  it('returns to the fast path after an odd row and grows past its first capacity estimate', () => {
    // A short first line makes the estimate small; odd rows (empty field, exponent) are scattered.
    const rows = ['1,2'];
    for (let i = 0; i < 4000; i++) rows.push(i % 500 === 7 ? `${i},` : i % 700 === 3 ? `${i}e0,${i}` : `${i}.25,-${i}.125`);
    const csv = scanNumericCsv(enc(`a,b\n${rows.join('\n')}\n`), { file: 'x.csv', required: ['a', 'b'] });
    expect(csv.rows).toBe(4001);
    rows.forEach((r, i) => {
      const [a, b] = r.split(',');
      expect(csv.columns.a![i]).toBe(expected(a, '.'));
      expect(Object.is(csv.columns.b![i], expected(b, '.'))).toBe(true);
    });
  });

  it('skips unwanted columns (text included) on the fast path too', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `14/03/2026 15:00:${i % 60},${i}.5,junk${i},-${i}`);
    const csv = scanNumericCsv(enc(`when,v,note,w\n${rows.join('\n')}\n`), { file: 'x.csv', required: ['v', 'w'] });
    expect(csv.rows).toBe(2000);
    expect(csv.columns.v![1999]).toBe(1999.5);
    expect(Object.is(csv.columns.w![0], -0)).toBe(true);
    expect(csv.columns.w![1999]).toBe(-1999);
  });

  it('gives the same columns inside withScratch (reused memory) as outside', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${1773482400000 + 10 * i},${(i % 97) / 8},${-(i % 13) / 4}`);
    const bytes = enc(`t,a,b\n${rows.join('\n')}\n`);
    const plain = scanNumericCsv(bytes, { file: 'x.csv', required: ['t', 'a', 'b'] });
    for (let k = 0; k < 3; k++) {
      withScratch(() => {
        const again = scanNumericCsv(bytes, { file: 'x.csv', required: ['t', 'a', 'b'] });
        expect(Array.from(again.columns.t!)).toEqual(Array.from(plain.columns.t!));
        expect(Array.from(again.columns.a!)).toEqual(Array.from(plain.columns.a!));
        expect(Array.from(again.columns.b!)).toEqual(Array.from(plain.columns.b!));
      }, 1 << 20);
    }
  });
});
