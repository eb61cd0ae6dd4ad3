import { expect } from "vitest";

/** Where a Next.js redirect thrown by an action points (its digest is "NEXT_REDIRECT;<type>;<url>;<status>;"). */
export async function redirectOf(run: Promise<unknown>): Promise<string> {
  const error = (await run.then(
    () => null,
    (thrown: unknown) => thrown,
  )) as { digest?: string } | null;
  expect(error?.digest, "expected a redirect").toMatch(/^NEXT_REDIRECT;/);
  return error!.digest!.split(";")[2]!;
}
