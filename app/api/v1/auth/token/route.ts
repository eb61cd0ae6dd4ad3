import { issueToken } from "@/lib/api/contract/auth";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { passwordGrant, refreshGrant } from "@/lib/api/sign-in";

export const POST = handle(issueToken, async ({ body }, { db, now, request }) =>
  ok(body.grant_type === "password" ? await passwordGrant(db, body, request, now) : await refreshGrant(db, body.refresh_token, now)),
);

export const OPTIONS = preflight;
