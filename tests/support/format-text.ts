/** Helpers the format tests share: building NMEA sentences, and catching a reader's FormatError. */
import { FormatError } from '../../src/main/core/formats/format-error.ts';

/** A sentence with its checksum: XOR of the characters between '$' and '*'. */
export function nmea(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `$${body}*${x.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * The gp-320fw log (gpsd's 2019-04-06 rollover capture) as a receiver that lost the GPS week
 * rollover prints it: every RMC and ZDA date moved back 1024 weeks (2019-04-06 − 7168 days =
 * 1999-08-21), each sentence with its checksum recomputed.
 */
export function rolledBack1024Weeks(log: string): string {
  return log
    .split('\n')
    .map((l) => {
      const m = /^\$([^*]*)\*[0-9A-F]{2}(\r?)$/.exec(l);
      if (!m) return l;
      const body = m[1].replace(/^(GPRMC(?:,[^,]*){8}),060419,/, '$1,210899,').replace(/^(GPZDA,[^,]*),06,04,2019,/, '$1,21,08,1999,');
      return nmea(body) + m[2];
    })
    .join('\n');
}

/** The FormatError `fn` throws (anything else is rethrown; no error fails the test). */
export function errorOf(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}
