/**
 * Errors that cross the API boundary. The core throws AppError; adapters (IPC, bridge, CLI)
 * serialise it as an ApiErrorBody inside the result envelope, and the renderer rethrows it.
 */
export type ApiErrorCode =
  | 'VALIDATION' // input did not match the contract's schema
  | 'NOT_FOUND'
  | 'CONFLICT' // e.g. a session already QUEUED or PROCESSING
  | 'INVALID_STATE' // e.g. a session that cannot be processed yet (no window, no data)
  | 'UNAVAILABLE' // the host cannot do this (e.g. no folder dialog in a browser)
  | 'DEVICE' // a unit failed or refused (unplugged, timed out, ...): the message starts with the unit's id
  | 'STORAGE' // the disk refused a write (full, read-only, no permission): details { problem, code, path }
  | 'INTERNAL';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** Free-form structured detail, e.g. the list of problems found when validating a session. */
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ApiErrorCode;
  readonly details?: unknown;
  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromBody(body: ApiErrorBody): AppError {
    return new AppError(body.code, body.message, body.details);
  }
}

/** Every method's answer travels inside this envelope (IPC and bridge alike). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof AppError) return err.toBody();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
