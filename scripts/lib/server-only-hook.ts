import { register } from "node:module";

/**
 * As bench/index.ts: the services import "server-only", which throws outside
 * a React Server environment. Maps it to an empty module for this process;
 * call it before the first (dynamic) import of a service.
 */
export function allowServerOnlyImports(): void {
  const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
