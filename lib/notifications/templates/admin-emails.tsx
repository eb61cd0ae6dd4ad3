import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, paragraphStyle } from "./email-layout";

export function DoctorApprovedMessage({ name, profileUrl }: { name: string; profileUrl: string }) {
  return (
    <EmailLayout preview="Your Careslot profile is verified" heading="Your profile is verified">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        An administrator checked your profile and certificates. Your profile is now public: patients can find you in search and book the times you set in your
        availability.
      </Text>
      <Button href={profileUrl} style={buttonStyle}>
        Open your portal
      </Button>
      <Text style={paragraphStyle}>
        Or paste this link into your browser: <Link href={profileUrl}>{profileUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

export function DoctorRejectedMessage({ name, reason, profileUrl }: { name: string; reason: string; profileUrl: string }) {
  return (
    <EmailLayout preview="Your Careslot verification needs attention" heading="We could not verify your profile yet">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>An administrator reviewed your profile and could not verify it. The reason given:</Text>
      <Text style={{ ...paragraphStyle, borderLeft: "3px solid #cbd5e1", paddingLeft: 12 }}>{reason}</Text>
      <Text style={paragraphStyle}>Update your profile or upload the missing certificates; your profile stays private until it is verified.</Text>
      <Button href={profileUrl} style={buttonStyle}>
        Update your profile
      </Button>
    </EmailLayout>
  );
}
