import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, paragraphStyle } from "./email-layout";

/** `unlocks`: what the confirmation lets this role do (lib/auth/role-wording.ts). */
export function VerifyEmailMessage({ name, url, code, codeUrl, unlocks }: { name: string; url: string; code: string; codeUrl: string; unlocks: string }) {
  return (
    <EmailLayout preview={`Confirm your email address to ${unlocks}`} heading="Confirm your email address">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>Welcome to Careslot. Confirm your email address to {unlocks}. This link works once and expires in 48 hours.</Text>
      <Button href={url} style={buttonStyle}>
        Verify email address
      </Button>
      <Text style={paragraphStyle}>
        Or paste this link into your browser: <Link href={url}>{url}</Link>
      </Text>
      <Text style={paragraphStyle}>
        Or enter this code with your email address at <Link href={codeUrl}>{codeUrl}</Link>: <strong>{code}</strong>
      </Text>
    </EmailLayout>
  );
}

export function ResetPasswordMessage({ name, url }: { name: string; url: string }) {
  return (
    <EmailLayout preview="Reset your Careslot password" heading="Reset your password">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        Someone asked to reset the password of your Careslot account. The link works once and expires in one hour. Resetting signs you out everywhere.
      </Text>
      <Button href={url} style={buttonStyle}>
        Choose a new password
      </Button>
      <Text style={paragraphStyle}>
        Or paste this link into your browser: <Link href={url}>{url}</Link>
      </Text>
    </EmailLayout>
  );
}

/** Sent instead of a second account: the registration form answers the same whether or not the address is taken. */
export function AccountExistsMessage({ name, signInUrl, resetUrl }: { name: string; signInUrl: string; resetUrl: string }) {
  return (
    <EmailLayout preview="Someone tried to register with your address" heading="You already have an account">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        Someone tried to create a new Careslot account with this email address, which already has one. No new account was made and nothing about yours changed.
      </Text>
      <Text style={paragraphStyle}>
        If it was you, <Link href={signInUrl}>sign in</Link> or, if you forgot the password, <Link href={resetUrl}>choose a new one</Link>. If it was not you,
        you can ignore this email.
      </Text>
    </EmailLayout>
  );
}

/**
 * The last email to a deleted account's address, sent once the erasure has
 * committed. It names no visit, doctor or person: the copy the emails log
 * keeps should hold as little as possible.
 */
export function AccountDeletedMessage({ cancelled, refunds, homeUrl }: { cancelled: number; refunds: string[]; homeUrl: string }) {
  return (
    <EmailLayout preview="Your Careslot account has been deleted" heading="Your account has been deleted">
      <Text style={paragraphStyle}>
        As you asked, your Careslot account has been deleted: your profile, medical information, uploaded documents and reviews are erased, and you have been
        signed out everywhere. Past appointments and payments are kept without your name, for the doctors&apos; records and the clinic&apos;s accounts.
      </Text>
      {cancelled > 0 ? (
        <Text style={paragraphStyle}>
          {cancelled === 1 ? "1 upcoming appointment was" : `${cancelled} upcoming appointments were`} cancelled.{" "}
          {refunds.length > 0 ? `Refunded by the cancellation policy: ${refunds.join(", ")}.` : "Nothing was due back under the cancellation policy."}
        </Text>
      ) : null}
      <Text style={paragraphStyle}>
        If you did not ask for this, reply to this email at once. You are always welcome to <Link href={homeUrl}>create a new account</Link>.
      </Text>
    </EmailLayout>
  );
}

/** A walk-in patient's account, made by the clinic: the link sets their first password (the reset link's page). */
export function SetPasswordMessage({ name, url, days }: { name: string; url: string; days: number }) {
  return (
    <EmailLayout preview="Set your Careslot password" heading="Your Careslot account is ready">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        The clinic created a Careslot account for you, to see and manage your appointments online. Choose a password to sign in. The link works once and expires
        in {days} days.
      </Text>
      <Button href={url} style={buttonStyle}>
        Set your password
      </Button>
      <Text style={paragraphStyle}>
        Or paste this link into your browser: <Link href={url}>{url}</Link>
      </Text>
    </EmailLayout>
  );
}

/** An administrator removed the account's two-factor authentication (a lost phone, usually). */
export function TwoFactorResetMessage({ name, accountUrl }: { name: string; accountUrl: string }) {
  return (
    <EmailLayout preview="Two-factor authentication was reset on your Careslot account" heading="Two-factor authentication was reset">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        A Careslot administrator turned off two-factor authentication on your account. Your authenticator app and your recovery codes no longer work, and
        signing in asks only for your password until you set it up again.
      </Text>
      <Text style={paragraphStyle}>
        If you asked for this, set it up again from your account page. If you did not, change your password and contact the clinic at once.
      </Text>
      <Button href={accountUrl} style={buttonStyle}>
        Open your account page
      </Button>
    </EmailLayout>
  );
}
