"use client";

import { useEffect, useId, useRef, useSyncExternalStore } from "react";
import { Notice, type NoticeTone } from "./notice";
import { noMessageClaimed, showOnly, shownMessage, subscribe } from "./feedback-store";
import type { FormState } from "@/lib/errors";

// A form's answer from its server action (lib/actions.ts), shown and refilled the same way everywhere.

/**
 * The one feedback system: an action's answer, where the form put it (next to
 * what was acted on, or at the top of the form). Each new answer replaces the
 * one shown before it anywhere on the page, is scrolled into view and takes
 * the focus, and is announced (role=status, or alert for a refusal).
 */
export function FormMessage({ state, className }: { state: FormState; className?: string }) {
  if (!state?.message) return null;
  return <ActionMessage answer={state} tone={state.ok ? "success" : "error"} message={state.message} className={className} />;
}

/**
 * An answer that is not a form state: a confirmation carried over a redirect
 * (components/admin/page-notice.tsx). `answer` is what identifies one answer:
 * a new object (or value) is a new answer, taking over the page again.
 */
export function ActionMessage({ answer, tone, message, className = "" }: { answer: unknown; tone: NoticeTone; message: string; className?: string }) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const claimed = useSyncExternalStore(subscribe, shownMessage, noMessageClaimed);
  const visible = claimed === null || claimed === id;
  const arrived = useRef(false);

  useEffect(() => {
    arrived.current = true;
    showOnly(id);
  }, [answer, id]);

  useEffect(() => {
    const element = ref.current;
    if (!visible || !arrived.current || !element) return;
    arrived.current = false;
    if (!fullyInView(element)) element.scrollIntoView({ block: "center" });
    element.focus({ preventScroll: true });
  }, [visible, answer]);

  return (
    <Notice ref={ref} tone={tone} focusable hidden={!visible} className={className}>
      {message}
    </Notice>
  );
}

function fullyInView(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
}

/** What to put back in a field: what the user just sent if it was refused, else the saved value. */
export function valueOf(state: FormState, name: string, saved: string | number | null | undefined): string {
  if (state && !state.ok && state.values && name in state.values) return state.values[name]!;
  return saved === null || saved === undefined ? "" : String(saved);
}

export function errorsOf(state: FormState, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}
