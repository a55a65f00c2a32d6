/**
 * The one entry point adapters use: validate the input against the contract, call the handler,
 * wrap the answer in an Envelope. IPC, the dev bridge and the CLI all go through here, so no
 * adapter can skip validation.
 */
import { contract, type Handlers, type MethodName } from '../../../shared/api/contract.ts';
import { AppError, toErrorBody, type Envelope } from '../../../shared/api/errors.ts';
import { humanIssue, issueSentence } from '../../../shared/api/issue-text.ts';
import { storageFailure } from '../util/storage-error.ts';

export type Dispatch = (method: string, input: unknown) => Promise<Envelope<unknown>>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * dataDir: the Player1 data folder, named when a write there is refused (disk full, read-only,
 * no permission: util/storage-error.ts, the one map from the system's codes to the user's words).
 */
export function createDispatch(handlers: Handlers, log: (msg: string, err: unknown) => void = logInternal, opts: { dataDir?: string | null } = {}): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'VALIDATION', message: `unknown method '${method}'` } };
    }
    const parsed = contract[method].input.safeParse(input, { error: humanIssue });
    if (!parsed.success) {
      // The message is for a person (each issue as a sentence naming its field); programs read
      // the details: each issue's path (the field, e.g. "endMs"), zod's code and the sentence.
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
      const text = issues.map((i) => issueSentence(i.path, i.message)).join('; ');
      return { ok: false, error: { code: 'VALIDATION', message: text, details: issues } };
    }
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      if (!(err instanceof AppError)) {
        const disk = storageFailure(err, opts.dataDir ?? null);
        if (disk) return { ok: false, error: { code: 'STORAGE', message: disk.message, details: { problem: disk.problem, code: disk.code, path: disk.path } } };
        log(`[${method}] internal error`, err);
      }
      return { ok: false, error: toErrorBody(err) };
    }
  };
}

function logInternal(msg: string, err: unknown): void {
  console.error(msg, err);
}
