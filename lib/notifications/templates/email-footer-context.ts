import { createContext } from "react";

/** Set by the mailer for a non-essential email: where the footer's "unsubscribe" and "preferences" links go. */
export const EmailFooterLinks = createContext<{ unsubscribeUrl: string; preferencesUrl: string } | null>(null);
