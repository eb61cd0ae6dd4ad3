// The front-end part's server: `npm run build`'s standalone server, as deployed, on a
// fresh database of its own with the demo data (the pages a visitor first sees).
import { randomBytes } from "node:crypto";
import { doctorSeed } from "../../db/seed-data";
import { dropDatabase } from "../../scripts/lib/database-server";
import { prepareDatabase } from "../../scripts/lib/prepare-database";
import { freePort, standaloneServerPath, startStandaloneServer } from "../../scripts/lib/standalone-cluster";

const DATABASE = "careslot_bench_front";

export interface FrontServer {
  url: string;
  /** The public pages with `[id]` resolved to a demo doctor. */
  pages: { path: string; url: string }[];
  stop: () => Promise<void>;
}

/** Throws with "run `npm run build` first" when there is no standalone server. */
export async function startFrontServer(paths: readonly string[]): Promise<FrontServer> {
  standaloneServerPath();
  const { url: databaseUrl, server: database } = await prepareDatabase({ embeddedName: "pg-bench", port: 54332, database: DATABASE, fresh: true });
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  try {
    const server = await startStandaloneServer({
      name: "front",
      port,
      env: {
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(33).toString("base64"),
        DATA_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
        DATA_ENCRYPTION_KEY_ID: "",
        APP_URL: appUrl,
        DEV_MAILBOX: "1",
        JOB_RUNNER: "local",
        LOG_LEVEL: "warn",
        RESEND_API_KEY: "",
        STRIPE_SECRET_KEY: "",
      },
    });
    const doctorId = doctorSeed[0]!.id;
    return {
      url: server.url,
      pages: paths.map((path) => ({ path, url: `${server.url}${path.replace("[id]", doctorId)}` })),
      stop: async () => {
        await server.stop();
        const admin = new URL(databaseUrl);
        admin.pathname = "/postgres";
        await dropDatabase(admin.toString(), DATABASE).catch(() => {});
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
