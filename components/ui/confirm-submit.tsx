"use client";

import { useEffect, useId, useRef, useState, type MouseEvent } from "react";
import { useFormStatus } from "react-dom";
import { Button, type ButtonVariant } from "./button";
import { CONFIRM_FIELD, type Ask } from "@/lib/confirm/pending";

/** Text that may depend on what the form holds when asked; `null` is the server render (the no-JavaScript confirm page's words). */
type Words = string | ((form: FormData | null) => string);

interface ConfirmSubmitProps {
  /** The trigger, as the page shows it ("Deactivate account"). */
  children: string;
  /** The button that does it, in the dialog and on the confirm page: "Deactivate Anna Keller". */
  confirmLabel: Words;
  /** The dialog's heading; by default the confirm label as a question. */
  title?: Words;
  /** What happens, said before it does. */
  description?: Words;
  /** Fields the no-JavaScript confirm page repeats ("Reason") or counts ("Appointments selected"). */
  echo?: Ask["echo"];
  /** Submit at once, without asking (reactivating is not destructive). */
  skip?: (form: FormData) => boolean;
  variant?: ButtonVariant;
  pendingLabel?: string;
  /** The trigger's accessible name when its text is shorter ("Delete" → "Delete override for Thu 12 Mar"). */
  ariaLabel?: string;
  className?: string;
}

const say = (words: Words | undefined, form: FormData | null) => (typeof words === "function" ? words(form) : words);

/**
 * The one confirmation before a destructive or money-moving action. It sits in
 * the action's form in place of its submit button. With JavaScript the
 * trigger opens a modal <dialog> (showModal: the rest of the page is inert,
 * Escape cancels, focus starts on "Go back" and returns to the trigger) whose
 * own submit button, named after the action, sends the form to its server
 * action. Without JavaScript the trigger posts the form to /confirm/start,
 * and the confirm page asks the same question (lib/confirm/pending.ts).
 */
export function ConfirmSubmit({
  children,
  confirmLabel,
  title,
  description,
  echo,
  skip,
  variant = "danger",
  pendingLabel,
  ariaLabel,
  className,
}: ConfirmSubmitProps) {
  const { pending } = useFormStatus();
  const dialog = useRef<HTMLDialogElement>(null);
  const goBack = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const [asked, setAsked] = useState<FormData | null>(null);
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const descriptionId = useId();

  const label = say(confirmLabel, asked)!;
  const heading = say(title, asked) ?? `${label}?`;
  const text = say(description, asked);
  const ask: Ask = { label: say(confirmLabel, null)!, title: say(title, null) ?? `${say(confirmLabel, null)}?`, description: say(description, null), echo };

  function openDialog(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    if (!form || !dialog.current) return; // not hydrated inside a form: the no-JavaScript path goes on
    event.preventDefault();
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    if (skip?.(data)) {
      form.requestSubmit(confirm.current);
      return;
    }
    setAsked(data);
    setOpen(true);
  }

  // Shown once its words (and the names tied to them) are on the page, so they are what is announced.
  useEffect(() => {
    if (!open || !dialog.current || dialog.current.open) return;
    dialog.current.showModal();
    goBack.current?.focus();
  }, [open]);

  function send(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    if (!form) return;
    event.preventDefault();
    dialog.current?.close();
    form.requestSubmit(confirm.current);
  }

  return (
    <>
      <Button
        type="submit"
        variant={variant}
        name={CONFIRM_FIELD}
        value={JSON.stringify(ask)}
        formAction="/confirm/start"
        formMethod="post"
        formEncType="multipart/form-data"
        onClick={openDialog}
        disabled={pending}
        aria-disabled={pending}
        aria-haspopup="dialog"
        // While the dialog is open the page behind it is inert; its trigger leaves the accessibility tree too, so the dialog's button is the only one of its name.
        aria-hidden={open || undefined}
        aria-label={ariaLabel}
        className={className}
      >
        {pending ? (pendingLabel ?? children) : children}
      </Button>
      <dialog
        ref={dialog}
        // Named only while open: a closed dialog is no one's label (getByLabel, and assistive technology, skip it).
        aria-labelledby={open ? headingId : undefined}
        aria-describedby={open && text ? descriptionId : undefined}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-6 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={headingId} className="text-lg font-semibold">
          {heading}
        </h2>
        {text ? (
          <p id={descriptionId} className="mt-2 text-sm text-slate-700">
            {text}
          </p>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Button ref={goBack} type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            Go back
          </Button>
          <Button ref={confirm} type="submit" variant={variant} onClick={send}>
            {label}
          </Button>
        </div>
      </dialog>
    </>
  );
}
