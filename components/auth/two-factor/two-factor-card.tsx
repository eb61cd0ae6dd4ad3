import { Card } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { qrCodeDataUrl } from "@/lib/auth/two-factor/qr";
import { getTwoFactorStatus } from "@/lib/auth/two-factor/service";
import { rolesRequiringTwoFactor } from "@/lib/auth/two-factor/sign-in";
import { groupedSecret } from "@/lib/auth/two-factor/totp";
import { TwoFactorSettings, type TwoFactorView } from "./two-factor-settings";

/** "Two-factor authentication" on every role's account page. */
export async function TwoFactorCard({ user, timeZone }: { user: CurrentUser; timeZone: string }) {
  const status = await getTwoFactorStatus(getDb(), user);
  const view: TwoFactorView =
    status.state === "setting-up"
      ? { state: "setting-up", qrDataUrl: await qrCodeDataUrl(status.uri), secret: groupedSecret(status.secret) }
      : status.state === "on"
        ? { state: "on", since: formatDateTime(status.since, timeZone), recoveryCodesLeft: status.recoveryCodesLeft }
        : { state: "off", required: (await rolesRequiringTwoFactor(getDb())).includes(user.role) };
  return (
    <Card title="Two-factor authentication">
      <TwoFactorSettings view={view} accountPath={`/${user.role}/account`} />
    </Card>
  );
}
