import { changePasswordAction } from "@/app/(auth)/account-actions";
import { signOutEverywhereAction } from "@/app/(auth)/actions";
import { ApiTokens } from "@/components/auth/api-tokens";
import { GoogleAccount } from "@/components/auth/google-account";
import { SessionList } from "@/components/auth/session-list";
import { TwoFactorCard } from "@/components/auth/two-factor/two-factor-card";
import { ChangeEmailForm } from "@/components/notifications/change-email-form";
import { NotificationsCard } from "@/components/notifications/notifications-card";
import { changeEmailAction } from "@/app/(auth)/notification-actions";
import { ChangePasswordForm } from "@/components/profiles/change-password-form";
import { Card, PageHeading } from "@/components/ui/card";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { CurrentUser } from "@/lib/auth/guards";
import { accountSessions } from "@/lib/auth/account-sessions";
import { googleLinkStatus } from "@/lib/auth/google";
import { googleSignInEnabled } from "@/lib/auth/google-sign-in";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { getDb } from "@/lib/db";
import { currentSessionId } from "@/lib/profiles/session";
import { accountTokens } from "@/lib/api/personal-tokens";

/** Account security shared by the three portals: the password, two-factor authentication, and where the account is signed in. */
export async function AccountPanel({ user, timeZone = "UTC" }: { user: CurrentUser; timeZone?: string }) {
  const now = new Date();
  const [rows, tokens, google] = await Promise.all([
    accountSessions(getDb(), user.id, await currentSessionId(), timeZone, now),
    accountTokens(getDb(), user.id, timeZone, now),
    googleLinkStatus(getDb(), user.id),
  ]);
  return (
    <>
      <PageHeading title="Account" subtitle={`Signed in as ${user.email}`} />
      <div className="flex flex-col gap-6">
        <Card title="Password">
          {google.hasPassword ? (
            <ChangePasswordForm action={changePasswordAction} />
          ) : (
            <p className="text-slate-700">
              You sign in with Google and have no Careslot password. To add one, use &ldquo;Forgot your password?&rdquo; on the sign-in page: the emailed link
              sets it.
            </p>
          )}
        </Card>
        <div id="email-address" className="scroll-mt-4">
          <Card title="Email address">
            <ChangeEmailForm action={changeEmailAction} current={user.email} />
          </Card>
        </div>
        <TwoFactorCard user={user} timeZone={timeZone} />
        <NotificationsCard user={user} />
        {/* Shown while Google sign-in is configured, or while a link remains to be removed. */}
        {googleSignInEnabled(env()) || google.linked ? (
          <Card title="Google">
            <GoogleAccount
              link={{
                linkedEmail: google.linked?.email ?? null,
                linkedOn: google.linked ? formatDate(google.linked.linkedAt, timeZone) : null,
                hasPassword: google.hasPassword,
              }}
            />
          </Card>
        ) : null}
        <Card title="Where you are signed in">
          <SessionList sessions={rows} />
        </Card>
        <Card title="API tokens">
          <ApiTokens tokens={tokens} />
        </Card>
        <Card title="Sign out everywhere">
          <p className="mb-4 text-slate-700">
            Signed in on a shared or lost device? Sign out everywhere ends every session of your account at once, including this one, and revokes your API
            tokens.
          </p>
          <form action={signOutEverywhereAction}>
            <ConfirmSubmit
              pendingLabel="Signing out…"
              confirmLabel="Sign out everywhere"
              title="Sign out of every device?"
              description="Every session of your account ends at once, this one included. You will need to sign in again."
            >
              Sign out everywhere
            </ConfirmSubmit>
          </form>
        </Card>
      </div>
    </>
  );
}
