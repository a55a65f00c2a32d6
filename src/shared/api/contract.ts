import type { z } from 'zod';
import { appContract } from './app.contract.ts';
import { rosterContract } from './roster.contract.ts';
import { sessionsContract } from './sessions.contract.ts';
import { jobsContract } from './jobs.contract.ts';
import { reportsContract } from './reports.contract.ts';
import { resultsContract } from './results.contract.ts';
import { devicesContract } from './devices.contract.ts';
import { periodsContract } from './periods.contract.ts';
import { settingsContract } from './settings.contract.ts';
import { importsContract } from './imports.contract.ts';
import { surveysContract } from './surveys.contract.ts';
import { syncContract } from './sync.contract.ts';
import { loadContract } from './load.contract.ts';
import { exportsContract } from './exports.contract.ts';
import { backupContract } from './backup.contract.ts';
import type { MethodDef } from './method.ts';
import type { Envelope } from './errors.ts';
import type { EventName, MethodName } from './channels.ts';
import type { EventPayloads } from './events.ts';

/** The one API contract: every domain's methods merged into a single map. */
export const contract = {
  ...appContract,
  ...rosterContract,
  ...sessionsContract,
  ...jobsContract,
  ...resultsContract,
  ...reportsContract,
  ...devicesContract,
  ...periodsContract,
  ...settingsContract,
  ...importsContract,
  ...surveysContract,
  ...syncContract,
  ...loadContract,
  ...exportsContract,
  ...backupContract,
};

export type Contract = typeof contract;

// Compile-time proof that channels.ts lists exactly the contract's methods and the events' payloads.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodsAgree: Same<keyof Contract, MethodName> = true;
const eventsAgree: Same<keyof EventPayloads, EventName> = true;
void methodsAgree;
void eventsAgree;

/** What a caller passes (defaults may be omitted). */
export type Input<K extends MethodName> = z.input<Contract[K]['input']>;
/** What a handler receives, after validation and defaults. */
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type Output<K extends MethodName> = Contract[K] extends MethodDef<z.ZodType, infer O> ? O : never;

/** What the core implements: one handler per method. */
export type Handlers = { [K in MethodName]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** What the renderer sees (window.player1): one function per method, plus on(event) -> unsubscribe. */
type Call<K extends MethodName> = undefined extends Input<K>
  ? (input?: Input<K>) => Promise<Output<K>>
  : (input: Input<K>) => Promise<Output<K>>;
export type Player1Api = { [K in MethodName]: Call<K> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/**
 * What the preload exposes (and the dev bridge client mirrors): the same functions, answering the
 * raw Envelope, since errors thrown across contextBridge lose everything but their message.
 * The renderer's api module turns this into Player1Api (throwing AppError).
 */
export type Player1Bridge = {
  [K in MethodName]: (input?: Input<K>) => Promise<Envelope<Output<K>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

export { METHOD_NAMES, EVENT_NAMES } from './channels.ts';
export type { MethodName, EventName } from './channels.ts';
export type { EventPayloads, EventPayload } from './events.ts';
