import type { z } from "zod";
import { parseInput } from "@/lib/errors";

/**
 * A service called the way its server action calls it: the raw input parsed
 * with the action's schema first (lib/actions.ts), so a refusal of bad input
 * is the same AppError the form shows. Always a promise, refusals included.
 */
export async function atBoundary<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  service: (parsed: z.output<S>) => Promise<T>,
  options?: { invalid?: string; nestedFields?: boolean },
): Promise<T> {
  return service(parseInput(schema, input, options));
}
