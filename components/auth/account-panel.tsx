import { signOutEverywhereAction } from "@/app/(auth)/actions";
import { Card, PageHeading } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import type { CurrentUser } from "@/lib/auth/guards";

/** Account security shared by the three portals. */
export function AccountPanel({ user }: { user: CurrentUser }) {
  return (
    <>
      <PageHeading title="Account" subtitle={`Signed in as ${user.email}`} />
      <Card title="Sessions">
        <p className="mb-4 text-slate-700">
          Signed in on a shared or lost device? Sign out everywhere ends every session of your account at once, including this one.
        </p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className={buttonClasses("danger")}>
            Sign out everywhere
          </button>
        </form>
      </Card>
    </>
  );
}
