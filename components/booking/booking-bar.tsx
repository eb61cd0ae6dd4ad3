"use client";

import type { MouseEvent } from "react";
import { submitWithReason } from "./sign-in-to-book-form";

/**
 * On a phone, the chosen time and the way on stay at the bottom of the screen.
 * "Book appointment" brings the booking form's reason field into view and
 * focuses it (without JavaScript the link jumps to the form); for a visitor
 * who is not signed in it is the way to sign in, with the choice (and a typed reason) kept.
 */
export function BookingBar({ choice, action }: { choice: string; action: { href: string; label: string; focusId?: string; formId?: string } }) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (action.formId) return submitWithReason(event, action.formId);
    const field = action.focusId ? document.getElementById(action.focusId) : null;
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  }
  return (
    <section
      aria-label="Your chosen time"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white px-4 py-3 shadow-[0_-4px_12px_rgba(15,23,42,0.08)] sm:hidden"
    >
      <div className="flex items-center justify-between gap-3">
        <p className="font-semibold text-slate-900">{choice}</p>
        <a
          href={action.href}
          onClick={onClick}
          className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {action.label}
        </a>
      </div>
    </section>
  );
}
