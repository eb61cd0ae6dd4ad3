import { serve } from "inngest/next";
import { functions, inngest } from "@/inngest";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

const handlers = serve({ client: inngest, functions });

/**
 * Without a signing key (production) or INNGEST_DEV (local dev server) the SDK
 * cannot verify who is calling and would answer 500; answer 503 with the
 * reason instead. Such a server runs its jobs with the local runner.
 */
function unconfigured(): Response | null {
  const config = env();
  if (config.INNGEST_SIGNING_KEY || config.INNGEST_DEV) return null;
  return Response.json(
    {
      error: {
        code: "unavailable",
        message:
          "Inngest is not configured here, so this server runs its background jobs itself (the local runner). To use Inngest, set INNGEST_SIGNING_KEY, or INNGEST_DEV=1 for the dev server.",
      },
    },
    { status: 503 },
  );
}

type Handler = (request: Request, context: unknown) => Promise<Response>;
const guarded =
  (handler: Handler): Handler =>
  async (request, context) =>
    unconfigured() ?? handler(request, context);

export const GET = guarded(handlers.GET as Handler);
export const POST = guarded(handlers.POST as Handler);
export const PUT = guarded(handlers.PUT as Handler);
