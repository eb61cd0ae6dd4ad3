// npm run api:lint — the OpenAPI document through Redocly's linter.
import { lintOpenApiDocument } from "./lib/openapi-lint";

const { ok, output } = await lintOpenApiDocument();
console.log(output);
process.exit(ok ? 0 : 1);
