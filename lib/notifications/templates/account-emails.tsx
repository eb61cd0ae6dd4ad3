import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, paragraphStyle } from "./email-layout";

export function VerifyEmailMessage({ name, url }: { name: string; url: string }) {
  return (
    <EmailLayout preview="Confirm your email address to start booking" heading="Confirm your email address">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>Welcome to Careslot. Confirm your email address to book appointments. This link works once and expires in 48 hours.</Text>
      <Button href={url} style={buttonStyle}>
        Verify email address
      </Button>
      <Text style={paragraphStyle}>
        Or paste this link into your browser: <Link href={url}>{url}</Link>
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
