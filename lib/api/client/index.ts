import createClient, { type ClientOptions } from "openapi-fetch";
import type { paths } from "./schema";

/** A typed client of the Careslot API (openapi-fetch over the generated types). */
export function careslotClient(options: ClientOptions & { token?: string } = {}) {
  const { token, headers, ...rest } = options;
  return createClient<paths>({ ...rest, headers: { ...(headers as Record<string, string>), ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
}

export type { paths } from "./schema";
