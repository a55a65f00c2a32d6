/**
 * peekTimeRange reads 4 KB at each end of a file and falls back to the 64 KB rule it always had
 * when that is not enough: its answers must be those of the 64 KB rule on every file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peekTimeRange } from '../../../src/main/core/sessions/folder-scan.ts';

const dir = mkdtempSync(join(tmpdir(), 'p1-peek-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rule as it was: 64 KB at each end. */
function reference(path: string): { firstMs: number; lastMs: number } | null {
  const all = readFileSync(path);
  const span = Math.min(all.length, 64 * 1024);
  const headLines = all.subarray(0, span).toString('latin1').split(/\r?\n/);
  const tailLines = all.subarray(all.length - span).toString('latin1').split(/\r?\n/).filter((l) => l.trim() !== '');
  const firstMs = Number(headLines[1]?.split(',')[0]);
  let lastMs = NaN;
  for (let i = tailLines.length - 1; i >= 0 && !Number.isFinite(lastMs); i--) {
    const v = Number(tailLines[i].split(',')[0]);
    if (tailLines[i].split(',').length >= 3 && Number.isFinite(v)) lastMs = v;
  }
  return Number.isFinite(firstMs) && Number.isFinite(lastMs) ? { firstMs, lastMs } : null;
}

const rows = (from: number, count: number, nl = '\n') => Array.from({ length: count }, (_, i) => `${from + 100 * i},51.5,-0.1,1.2`).join(nl);

const cases: Record<string, string> = {
  plain: `time,lat,lon,speed\n${rows(1000, 5000)}\n`,
  crlf: `time,lat,lon,speed\r\n${rows(1000, 5000, '\r\n')}\r\n`,
  'last line cut': `time,lat,lon,speed\n${rows(1000, 5000)}\n1500900,51`,
  tiny: `time,lat,lon,speed\n1000,51.5,-0.1,1\n`,
  'header only': 'time,lat,lon,speed\n',
  'first data line longer than 4 KB': `time,lat,lon,speed,note\n1000,51.5,-0.1,1,${'x'.repeat(6000)}\n${rows(1100, 3000)}\n`,
  'header longer than 4 KB': `time,lat,lon,${'c,'.repeat(3000)}speed\n${rows(1000, 3000)}\n`,
  'unreadable tail longer than 4 KB': `time,lat,lon,speed\n${rows(1000, 3000)}\n${'#junk\n'.repeat(1500)}`,
  'unreadable tail longer than 64 KB': `time,lat,lon,speed\n${rows(1000, 3000)}\n${'#junk\n'.repeat(15000)}`,
  'no time in the first column': `time,lat,lon,speed\nnoon,51.5,-0.1,1\n${rows(1000, 3000)}\n`,
};

describe('peekTimeRange', () => {
  for (const [name, text] of Object.entries(cases)) {
    it(`agrees with the 64 KB rule: ${name}`, () => {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
      writeFileSync(path, text);
      expect(peekTimeRange(path)).toEqual(reference(path));
    });
  }

  it('finds the first and last times of an ordinary file', () => {
    const path = join(dir, 'ordinary.csv');
    writeFileSync(path, cases.plain);
    expect(peekTimeRange(path)).toEqual({ firstMs: 1000, lastMs: 1000 + 100 * 4999 });
  });
});
