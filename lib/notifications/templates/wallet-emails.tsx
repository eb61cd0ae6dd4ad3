import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { ActionLinks, DetailList, paragraphStyle } from "./email-parts";

// The wallet's emails (issue #19): what moved, by how much, the balance after, and where to see it.

interface Common {
  name: string;
  walletUrl: string;
}

export function WalletAdjustedMessage({
  name,
  walletUrl,
  amount,
  credit,
  reason,
  balance,
  when,
}: Common & { amount: string; credit: boolean; reason: string; balance: string; when: string }) {
  return (
    <EmailLayout
      preview={`Your wallet was ${credit ? "credited" : "debited"} ${amount}`}
      heading={credit ? "Your wallet was credited" : "Your wallet was debited"}
    >
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        A clinic administrator {credit ? "added" : "took"} {amount} {credit ? "to" : "from"} your Careslot wallet. The reason they gave:
      </Text>
      <Text style={{ ...paragraphStyle, borderLeft: "3px solid #cbd5e1", paddingLeft: 12 }}>{reason}</Text>
      <DetailList
        items={[
          { label: credit ? "Credited" : "Debited", value: amount },
          { label: "Balance now", value: balance },
          { label: "When", value: when },
        ]}
      />
      <ActionLinks links={[{ label: "Your wallet", href: walletUrl }]} />
    </EmailLayout>
  );
}

export function TopUpReceiptMessage({
  name,
  walletUrl,
  receiptUrl,
  amount,
  balance,
  when,
  receiptNumber,
}: Common & { receiptUrl: string; amount: string; balance: string; when: string; receiptNumber: string }) {
  return (
    <EmailLayout preview={`Receipt: ${amount} added to your wallet`} heading="Funds added to your wallet">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>Thank you. Your card payment arrived and your wallet holds it. Keep this email as your receipt.</Text>
      <DetailList
        items={[
          { label: "Added", value: amount },
          { label: "Paid on", value: when },
          { label: "Balance now", value: balance },
          { label: "Receipt number", value: receiptNumber },
        ]}
      />
      <ActionLinks
        links={[
          { label: "The receipt", href: receiptUrl },
          { label: "Your wallet", href: walletUrl },
        ]}
      />
    </EmailLayout>
  );
}

export function WithdrawalStartedMessage({ name, walletUrl, amount, cards, when }: Common & { amount: string; cards: number; when: string }) {
  return (
    <EmailLayout preview={`Withdrawal of ${amount} to your card started`} heading="Your withdrawal has started">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        We took {amount} from your wallet and asked Stripe to refund it to the card{cards === 1 ? "" : "s"} you added funds with ({cards} refund
        {cards === 1 ? "" : "s"}). Banks usually show a refund within 5 to 10 working days. If a refund cannot be made, its money comes back to your wallet and
        we tell you.
      </Text>
      <DetailList
        items={[
          { label: "Withdrawn", value: amount },
          { label: "Asked on", value: when },
        ]}
      />
      <ActionLinks links={[{ label: "Your wallet", href: walletUrl }]} />
    </EmailLayout>
  );
}

export function WithdrawalSettledMessage({
  name,
  walletUrl,
  settled,
  returned,
  balance,
}: Common & { settled: string | null; returned: string | null; balance: string }) {
  return (
    <EmailLayout preview="Your withdrawal is complete" heading={returned && !settled ? "Your withdrawal could not be made" : "Your withdrawal is complete"}>
      <Text style={paragraphStyle}>Hello {name},</Text>
      {settled ? <Text style={paragraphStyle}>Stripe refunded {settled} to your card. Your bank shows it within a few working days.</Text> : null}
      {returned ? <Text style={paragraphStyle}>{returned} could not be refunded to a card and is back in your wallet.</Text> : null}
      <DetailList
        items={[
          ...(settled ? [{ label: "Refunded to card", value: settled }] : []),
          ...(returned ? [{ label: "Back in your wallet", value: returned }] : []),
          { label: "Balance now", value: balance },
        ]}
      />
      <ActionLinks links={[{ label: "Your wallet", href: walletUrl }]} />
    </EmailLayout>
  );
}
