import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, paragraphStyle } from "./email-layout";

/** The reply itself stays on the site: the email says who answered and where to read it. */
export function ReviewReplyEmail({ name, doctorName, url }: { name: string; doctorName: string; url: string }) {
  return (
    <EmailLayout preview={`${doctorName} replied to your review`} heading="Your review has a reply">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>{doctorName} replied to the review you wrote on Careslot. The reply is shown under your review on their page.</Text>
      <Button href={url} style={buttonStyle}>
        Read the reply
      </Button>
      <Text style={paragraphStyle}>
        Or paste this link into your browser: <Link href={url}>{url}</Link>
      </Text>
    </EmailLayout>
  );
}
