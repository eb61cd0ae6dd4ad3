import { revokeToken } from "@/lib/api/contract/auth";
import { preflight } from "@/lib/api/cors";
import { handle, noContent } from "@/lib/api/handler";
import { revokeSignIn } from "@/lib/api/sign-in";

export const POST = handle(revokeToken, async ({ body }, { db, now, caller }) => {
  await revokeSignIn(db, { token: body.token, caller }, now);
  return noContent();
});

export const OPTIONS = preflight;
