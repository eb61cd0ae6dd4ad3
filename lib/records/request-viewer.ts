import "server-only";
import type { NextRequest } from "next/server";
import { auth } from "@/lib/auth";
import { viewerFromSession, type Viewer } from "./access";

type RouteHandler = (request: NextRequest, context: unknown) => Promise<Response>;
type Wrap = (handler: (request: NextRequest & { auth: unknown }) => void) => Promise<RouteHandler>;

/**
 * The signed-in user of a route handler's request, read from that request's
 * own cookie through Auth.js (so the same per-request session checks apply as
 * on every page). Unlike `auth()` without arguments it needs no Next request
 * scope, which lets tests call the route handlers directly.
 */
export async function viewerOfRequest(request: NextRequest): Promise<Viewer> {
  let viewer: Viewer = null;
  // With a lazily built config, `auth(handler)` resolves to the wrapped handler.
  const wrapped = await (auth as unknown as Wrap)((authed) => {
    viewer = viewerFromSession(authed.auth as Parameters<typeof viewerFromSession>[0]);
  });
  await wrapped(request, {});
  return viewer;
}
