import { z } from 'zod';

/**
 * One contract method: a zod schema for its input (validated at every boundary) and the type of
 * its output (carried at the type level only; the core is the single producer).
 */
export interface MethodDef<I extends z.ZodType, O> {
  readonly input: I;
  readonly __output?: O;
}

/** `method<Output>()(inputSchema)`: curried so the output type is explicit and the input inferred. */
export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input });
}

/** An id of a stored thing (session, player, unit, period...): UUIDs in practice, bounded here. */
export const id = z.string().min(1).max(64);

/** The input of a method that takes none (an absent input is {}). */
export const none = z.object({}).strict().default({});
