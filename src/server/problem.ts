/**
 * Errors as `application/problem+json` (RFC 9457). `type` is a URN naming the problem, stable for
 * clients to branch on (docs/sync.md lists them); `detail` is for people.
 */
import type { ServerResponse } from 'node:http';

export const PROBLEM = {
  badRequest: 'urn:player1:sync:bad-request',
  unauthorized: 'urn:player1:sync:unauthorized',
  notFound: 'urn:player1:sync:not-found',
  methodNotAllowed: 'urn:player1:sync:method-not-allowed',
  unsupportedMediaType: 'urn:player1:sync:unsupported-media-type',
  tooLarge: 'urn:player1:sync:too-large',
  invalidBundle: 'urn:player1:sync:invalid-bundle',
  invalidDeletion: 'urn:player1:sync:invalid-deletion',
  keyReused: 'urn:player1:sync:key-reused',
  inFlight: 'urn:player1:sync:in-flight',
  superseded: 'urn:player1:sync:superseded',
  rateLimited: 'urn:player1:sync:rate-limited',
  unavailable: 'urn:player1:sync:unavailable',
  internal: 'urn:player1:sync:internal',
} as const;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extra: string]: unknown;
}

export class HttpProblem extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  constructor(status: number, type: string, title: string, detail: string, opts: { headers?: Record<string, string>; extra?: Record<string, unknown> } = {}) {
    super(detail);
    this.problem = { type, title, status, detail, ...opts.extra };
    this.headers = opts.headers ?? {};
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendProblem(res: ServerResponse, p: Problem, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(p);
  res.writeHead(p.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
