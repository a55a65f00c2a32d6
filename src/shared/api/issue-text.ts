/**
 * What a refused input says, in a person's words. The contract's schemas give their own sentence
 * where they have one ("the session must end after it starts"); everything else zod would say in
 * its own terms ("Too small: expected number to be >=0", "Invalid input: expected string") is said
 * here instead, from the issue's kind and bounds. The dispatcher parses every input with this
 * error map, so every method, form and adapter gets the same words; the issue's code and path
 * stay in the error's details for programs.
 */
import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

const plural = (n: number | bigint, one: string, many = `${one}s`) => `${n} ${Number(n) === 1 ? one : many}`;

/** The words for one issue zod found without a message of the schema's own. */
export function humanIssue(issue: RawIssue): string {
  const i = issue as RawIssue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = String(i.expected);
      // A fraction where a whole number is needed is a number all the same: say what is wrong with it.
      if (expected === 'int' && typeof issue.input === 'number' && Number.isFinite(issue.input)) return 'must be a whole number';
      if (expected === 'number' || expected === 'int') return 'must be a number';
      if (expected === 'string') return 'must be text';
      if (expected === 'boolean') return 'must be yes or no';
      if (expected === 'object') return 'is missing its values';
      if (expected === 'array') return 'must be a list';
      return `must be a ${expected}`;
    }
    case 'too_small': {
      const min = i.minimum as number | bigint;
      const inclusive = i.inclusive !== false;
      if (i.origin === 'string') return Number(min) <= 1 ? 'is required' : `needs at least ${plural(min, 'character')}`;
      if (i.origin === 'array' || i.origin === 'set') return Number(min) <= 1 ? 'needs at least one' : `needs at least ${min}`;
      return inclusive ? `must be ${String(min)} or more` : `must be more than ${String(min)}`;
    }
    case 'too_big': {
      const max = i.maximum as number | bigint;
      const inclusive = i.inclusive !== false;
      if (i.origin === 'string') return `is too long: at most ${plural(max, 'character')}`;
      if (i.origin === 'array' || i.origin === 'set') return `is too many: at most ${max}`;
      return inclusive ? `must be ${String(max)} or less` : `must be less than ${String(max)}`;
    }
    case 'not_multiple_of':
      return i.divisor === 1 ? 'must be a whole number' : `must be a multiple of ${String(i.divisor)}`;
    case 'invalid_format':
      return 'is not in the expected form';
    case 'invalid_value': {
      const values = (i.values as unknown[] | undefined) ?? [];
      return values.length > 0 && values.length <= 6 ? `must be one of: ${values.map(String).join(', ')}` : 'is not one of the allowed values';
    }
    case 'unrecognized_keys': {
      const keys = (i.keys as string[] | undefined) ?? [];
      return `${keys.length === 1 ? 'This value is' : 'These values are'} not accepted here: ${keys.join(', ')}`;
    }
    case 'invalid_union':
      return 'is not a value this accepts';
    default:
      return 'is not valid';
  }
}

/** "endMs" → "End", "hrMaxBpm" → "HR max", "settings.quality.maxHdop" → "Max hdop": the field a path names. */
export function fieldLabel(path: string): string {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? '';
  const words = last
    .replace(/(Ms|Bpm|Pct|S|Hz|Wkg|Ms2)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/^hr/i, 'HR')
    .trim();
  if (!words) return '';
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase().replace(/^hr/, 'HR');
}

/**
 * One issue as a sentence for a person: a predicate of humanIssue's ("is required", "must be 0 or
 * more") gets its field's label as subject; a schema's own sentence stands alone.
 */
export function issueSentence(path: string, message: string): string {
  const label = fieldLabel(path);
  if (/^(is|must|needs) /.test(message)) return `${label || 'The input'} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
