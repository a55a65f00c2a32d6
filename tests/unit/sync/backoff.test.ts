/** Full-jitter backoff and Retry-After, against values worked out by hand. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, fullJitterDelay, parseRetryAfter } from '../../../src/main/core/sync/backoff.ts';

describe('full-jitter exponential backoff', () => {
  const p = { baseMs: 2000, capMs: 15 * 60_000 };
  it('draws uniformly below min(cap, base·2^(n−1))', () => {
    // random() just under 1 gives the ceiling (floored): 2 s, 4 s, 8 s … for attempts 1, 2, 3.
    const top = () => 0.999999;
    expect(fullJitterDelay(1, p, top)).toBe(1999);
    expect(fullJitterDelay(2, p, top)).toBe(3999);
    expect(fullJitterDelay(3, p, top)).toBe(7999);
    // 2 s · 2^8 = 512 s < 900 s; 2 s · 2^9 = 1024 s > 900 s: capped at 15 minutes from attempt 10 on.
    expect(fullJitterDelay(9, p, top)).toBe(511_999);
    expect(fullJitterDelay(10, p, top)).toBe(899_999);
    expect(fullJitterDelay(500, p, top)).toBe(899_999);
    // random() = 0 → no wait at all (full jitter, not "equal jitter").
    expect(fullJitterDelay(7, p, () => 0)).toBe(0);
    expect(fullJitterDelay(3, p, () => 0.5)).toBe(4000);
  });
  it('defaults to a 2 s base capped at 15 minutes', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 2000, capMs: 900_000 });
  });
});

describe('Retry-After', () => {
  const now = Date.UTC(2026, 2, 14, 10, 0, 0);
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP date (RFC 9110 IMF-fixdate), in the past as 0', () => {
    expect(parseRetryAfter('Sat, 14 Mar 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Sat, 14 Mar 2026 09:59:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
  });
});
