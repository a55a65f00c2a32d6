/**
 * The FIT SDK and the XML parser, loaded on first use rather than with the module graph: every
 * pool worker imports all the readers, and most sessions are CSV only, so a worker would
 * otherwise spend ~75 ms of its start-up loading two libraries it never calls.
 */
import { createRequire } from 'node:module';
import type * as FitSdk from '@garmin/fitsdk';
import type * as Fxp from 'fast-xml-parser';

const load = createRequire(import.meta.url);

let fit: typeof FitSdk | undefined;
let xml: typeof Fxp | undefined;

export function fitSdk(): typeof FitSdk {
  return (fit ??= load('@garmin/fitsdk') as typeof FitSdk);
}

export function xmlParser(): typeof Fxp {
  return (xml ??= load('fast-xml-parser') as typeof Fxp);
}
