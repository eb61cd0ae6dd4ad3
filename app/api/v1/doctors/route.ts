import { searchDoctors } from "@/lib/api/contract/public";
import { preflight } from "@/lib/api/cors";
import { handle, ok, queryObject } from "@/lib/api/handler";
import { searchDoctorsPage } from "@/lib/api/public-views";

export const GET = handle(searchDoctors, async ({ query }, { db, now, caller, request }) =>
  ok(await searchDoctorsPage(db, queryObject(new URL(request.url).searchParams), query, caller, now)),
);

export const OPTIONS = preflight;
