/**
 * `--period "NAME=START/END"`: a named period for every player, START and END as ISO 8601
 * instants with a zone (Z or ±hh:mm), e.g. `"First half=2026-03-14T10:00:00Z/2026-03-14T10:05:00Z"`.
 * A zone is required: periods are stored in UTC and a bare local time would depend on the machine.
 */
import { UsageError } from './args.ts';
import { SESSION_EARLIEST_MS, SESSION_LATEST_MS } from '../../shared/domain/session.ts';

export interface PeriodOption {
  name: string;
  startMs: number;
  endMs: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(text: string, what: string, arg: string): number {
  const t = text.trim();
  const ms = INSTANT.test(t) ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms)) {
    throw new UsageError(`--period "${arg}": the ${what} "${t}" is not an ISO 8601 instant with a zone (e.g. 2026-03-14T10:00:00Z)`);
  }
  return ms;
}

export function parsePeriodOption(arg: string): PeriodOption {
  const eq = arg.lastIndexOf('=');
  const name = eq > 0 ? arg.slice(0, eq).trim() : '';
  if (!name) throw new UsageError(`--period "${arg}": expected NAME=START/END`);
  const range = arg.slice(eq + 1).split('/');
  if (range.length !== 2) throw new UsageError(`--period "${arg}": expected NAME=START/END`);
  const startMs = instant(range[0], 'start', arg);
  const endMs = instant(range[1], 'end', arg);
  if (!(endMs > startMs)) throw new UsageError(`--period "${arg}": the period must end after it starts`);
  if (startMs < SESSION_EARLIEST_MS || endMs > SESSION_LATEST_MS) throw new UsageError(`--period "${arg}": a period lies between 2000 and 2099, as a session does`);
  return { name, startMs, endMs };
}
