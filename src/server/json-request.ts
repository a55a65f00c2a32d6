/**
 * What every JSON POST of the sync API does before its own checks: the body parsed as JSON and
 * against its schema, each failure a problem in the client's words (400 not JSON, 422 naming the
 * first five places that break the format), and the SHA-256 the intakes key their replays by.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { HttpProblem, PROBLEM } from './problem.ts';

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/**
 * The body as JSON and as the schema reads it. `what`: how a failure names it (problem type and
 * title, the noun and the format it must follow).
 */
export function parseJsonBody<T>(raw: Buffer, schema: z.ZodType<T>, what: { type: string; title: string; noun: string; format: string }): { json: unknown; data: T } {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpProblem(400, PROBLEM.badRequest, 'Not JSON', 'the request body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new HttpProblem(422, what.type, what.title, `the ${what.noun} does not follow ${what.format}: ${where}`);
  }
  return { json, data: parsed.data };
}
