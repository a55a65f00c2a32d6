/**
 * An error from the core, placed where the user will look: a refused input (details listing the
 * issues with their paths, as the dispatcher and some handlers give) beside the field it concerns, anything else as the form's own
 * message. Every form maps the paths its fields stand for once, so no form shows schema text.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { issueSentence } from '../../../shared/api/issue-text.ts';
import { errorMessage } from '../api/api.ts';

export interface FormErrors {
  /** By the form's field name: what is wrong with it, as a sentence. */
  fields: Record<string, string>;
  /** What belongs to no field of the form (or the whole error when it is not about an input). */
  general: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

/**
 * `fields` maps an issue path as the core reports it ("endMs", "settings.hr.maxBpm") to the form's
 * field; a path also matches when it starts with the key and a dot.
 */
export function formErrors(err: unknown, fields: Record<string, string>): FormErrors {
  const issues = err instanceof AppError && Array.isArray(err.details) ? (err.details as { path?: unknown; message?: unknown }[]) : [];
  if (issues.length === 0 || !issues.every((i) => typeof i?.path === 'string' && typeof i.message === 'string')) {
    return { fields: {}, general: errorMessage(err) };
  }
  const out: Record<string, string> = {};
  const rest: string[] = [];
  for (const i of issues as { path: string; message: string }[]) {
    const path = i.path ?? '';
    const key = Object.keys(fields).find((k) => path === k || path.startsWith(`${k}.`));
    const sentence = issueSentence(path, i.message ?? 'is not valid');
    if (key) {
      const f = fields[key];
      out[f] = out[f] ? `${out[f]}; ${sentence}` : sentence;
    } else rest.push(sentence);
  }
  return { fields: out, general: rest.length > 0 ? rest.join('; ') : null };
}
