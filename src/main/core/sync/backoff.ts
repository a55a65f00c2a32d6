/**
 * When to try again. Full-jitter exponential backoff (a random delay in [0, min(cap, base·2^n)]),
 * so laptops that lost the network together do not come back together; a server's Retry-After
 * (seconds or an HTTP date) is honoured as given.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 15 * 60_000 };

/** attempts: failures so far (≥ 1 after the first). random: [0, 1). */
export function fullJitterDelay(attempts: number, p: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(p.capMs, p.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
  return Math.floor(random() * ceiling);
}

/** Retry-After in ms from now, or null when absent or unreadable. Past dates are 0. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t) || !/[a-z]/i.test(v)) return null;
  return Math.max(0, t - now);
}
