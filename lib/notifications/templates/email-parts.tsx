import { Button, Column, Row, Section, Text } from "@react-email/components";
import { formatDate, formatDateTime, formatTime, formatTimeZone, numberFormat } from "@/lib/format";
import { buttonStyle, paragraphStyle } from "./email-layout";

/**
 * An instant as the recipient reads it, always with the zone named:
 * "Tuesday 5 March 2030, 10:00, Berlin time (UTC+1)". Emails in server time
 * send patients to the clinic at the wrong hour.
 */
export function formatWhen(instant: Date, timeZone: string): string {
  return `${formatDate(instant, timeZone, "long")}, ${formatTime(instant, timeZone)}, ${formatTimeZone(timeZone, instant)}`;
}

/** Short form for subject lines: "Tue 5 Mar 2030, 10:00". The body names the zone. */
export function formatShortWhen(instant: Date, timeZone: string): string {
  return formatDateTime(instant, timeZone);
}

export function formatAmount(minor: number, currency: string): string {
  const format = numberFormat("en-GB", { style: "currency", currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

const labelStyle = { color: "#64748b", fontSize: 13, margin: "0 0 2px" } as const;
const valueStyle = { color: "#0f172a", fontSize: 15, fontWeight: 600, margin: "0 0 12px" } as const;

/** Label/value lines that stack on a phone and read in order as plain text. */
export function DetailList({ items }: { items: { label: string; value: string }[] }) {
  return (
    <Section style={{ backgroundColor: "#f8fafc", borderRadius: 6, padding: "14px 16px", margin: "8px 0 16px" }}>
      {items.map((item) => (
        <Row key={item.label}>
          <Column>
            <Text style={labelStyle}>{item.label}</Text>
            <Text style={valueStyle}>{item.value}</Text>
          </Column>
        </Row>
      ))}
    </Section>
  );
}

/** One button per line: comfortable to tap on a phone, and one "label url" line each in the plain-text part. */
export function ActionLinks({ links }: { links: { label: string; href: string }[] }) {
  return (
    <Section style={{ margin: "8px 0 16px" }}>
      {links.map((link, index) => (
        <Row key={link.href}>
          <Column style={{ paddingBottom: 8 }}>
            <Button href={link.href} style={{ ...buttonStyle, ...(index > 0 ? secondaryButton : {}) }}>
              {link.label}
            </Button>
          </Column>
        </Row>
      ))}
    </Section>
  );
}

const secondaryButton = { backgroundColor: "#ffffff", color: "#0f766e", border: "1px solid #0f766e" } as const;

export { paragraphStyle };
