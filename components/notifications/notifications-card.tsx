import { confirmPhoneCodeAction, removeMobileAction, saveNotificationPreferencesAction, sendPhoneCodeAction } from "@/app/(auth)/notification-actions";
import { Card } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { kindsFor, mobileNumberState, notificationChannels, notificationKinds, preferenceGrid } from "@/lib/notifications/preferences";
import { MobileNumberForms } from "./mobile-number-forms";
import { PreferencesForm, type PreferenceRow } from "./preferences-form";

/** "Notifications" on every role's account page: what may be sent on which channel, and (patients) the mobile number texts go to. */
export async function NotificationsCard({ user }: { user: CurrentUser }) {
  const grid = await preferenceGrid(getDb(), user);
  const rows: PreferenceRow[] = kindsFor(user.role).map(({ kind, channels }) => ({
    kind,
    ...notificationKinds[kind],
    boxes: channels.map((channel) => ({
      channel,
      label: notificationChannels[channel],
      on: grid.some((g) => g.kind === kind && g.channel === channel && g.on),
    })),
  }));
  const mobile = user.role === "patient" ? await mobileNumberState(getDb(), user.id) : null;
  return (
    <div id="notifications" className="scroll-mt-4">
      <Card title="Notifications">
        <p className="mb-4 text-slate-700">
          Account and security emails — confirming your address, password resets and sign-in alerts — are always sent.
          {rows.length ? " You choose the rest:" : " Nothing else is sent to your account."}
        </p>
        {rows.length ? <PreferencesForm action={saveNotificationPreferencesAction} rows={rows} /> : null}
        {mobile ? (
          <div className="mt-6 border-t border-slate-200 pt-4">
            <h3 className="mb-2 text-base font-semibold text-slate-900">Mobile number for text messages</h3>
            <MobileNumberForms state={mobile} actions={{ send: sendPhoneCodeAction, confirm: confirmPhoneCodeAction, remove: removeMobileAction }} />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
