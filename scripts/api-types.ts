// npm run api:types — writes the typed client's types from the API's document.
import { writeFileSync } from "node:fs";
import { SCHEMA_FILE, generatedClientTypes } from "@/lib/api/client/generate";

writeFileSync(SCHEMA_FILE, await generatedClientTypes());
console.log(`wrote ${SCHEMA_FILE}`);
