import { AsyncLocalStorage } from "node:async_hooks";

export type EmailFooter = { unsubscribeUrl: string; preferencesUrl: string };

/**
 * Set by the mailer around the rendering of a non-essential email: where its
 * footer's "Unsubscribe" and "Notifications" links go (EmailLayout reads it).
 * Not a React context: emails are rendered inside server components'
 * modules, where React offers no createContext.
 */
export const emailFooterLinks = new AsyncLocalStorage<EmailFooter | null>();
