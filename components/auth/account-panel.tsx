import { signOutEverywhereAction } from "@/app/(auth)/actions";
import { Card, PageHeading } from "@/components/ui/card";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
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
          <ConfirmSubmit
            pendingLabel="Signing out…"
            confirmLabel="Sign out everywhere"
            title="Sign out of every device?"
            description="Every session of your account ends at once, this one included. You will need your password to sign in again."
          >
            Sign out everywhere
          </ConfirmSubmit>
        </form>
      </Card>
    </>
  );
}
