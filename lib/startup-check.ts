import { EnvError, parseEnv } from "./env-schema";

// A missing or malformed variable stops the server here, with a message naming
// it, instead of failing on some later request.
try {
  parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
