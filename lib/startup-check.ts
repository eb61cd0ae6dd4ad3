import { EnvError, parseEnv, startupWarnings } from "./env-schema";
import { logger } from "./logger";

// A missing or malformed variable stops the server here, with a message naming
// it, instead of failing on some later request; a dangerous one is shouted.
try {
  for (const warning of startupWarnings(parseEnv(process.env))) {
    // Shown even where LOG_LEVEL hides warnings.
    if (logger.isLevelEnabled("warn")) logger.warn({ security: true, event: "startup_warning" }, warning);
    else console.warn(warning);
  }
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
