import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/renderer/src/lib/format.ts';

describe('formatBytes (the one size format of the app: import, participants, devices)', () => {
  it('writes bytes, kB, MB and GB', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 kB');
    expect(formatBytes(1536)).toBe('2 kB');
    expect(formatBytes(9.8 * 1024 * 1024)).toBe('9.8 MB');
    expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.25 GB');
  });
});
