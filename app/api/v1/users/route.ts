import { listUsers } from "@/lib/api/contract/admin";
import { usersPage } from "@/lib/api/admin";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";

export const GET = handle(listUsers, async ({ query }, { db }) => ok(await usersPage(db, query)));

export const OPTIONS = preflight;
