import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { emailFooterLinks } from "./email-footer-context";

const brand = "#0f766e";

/** The one branded frame every Careslot email shares: readable on a phone, plain colours. */
export function EmailLayout({ preview, heading, children }: { preview: string; heading: string; children: ReactNode }) {
  const links = emailFooterLinks.getStore();
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, padding: "24px 28px" }}>
          <Text style={{ color: brand, fontSize: 18, fontWeight: 700, margin: 0 }}>Careslot</Text>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 22, margin: "16px 0 8px" }}>
            {heading}
          </Heading>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0 12px" }} />
          <Text style={{ color: "#64748b", fontSize: 12, margin: 0 }}>
            You receive this email because of your Careslot account. If this was not you, you can ignore it.
          </Text>
          {links ? (
            <Text style={{ color: "#64748b", fontSize: 12, margin: "8px 0 0" }}>
              Don&apos;t want these emails? <Link href={links.unsubscribeUrl}>Unsubscribe</Link> from this kind, or choose what you receive in your
              account&apos;s <Link href={links.preferencesUrl}>Notifications</Link>.
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: brand,
  borderRadius: 6,
  color: "#ffffff",
  display: "inline-block",
  fontSize: 15,
  fontWeight: 600,
  padding: "10px 18px",
  textDecoration: "none",
} as const;

export const paragraphStyle = { color: "#334155", fontSize: 15, lineHeight: "22px" } as const;
