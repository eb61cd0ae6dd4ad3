"use client";

import { useRouter } from "next/navigation";
import type { FormEvent, ReactNode } from "react";

/**
 * A GET form that, once JavaScript runs, updates the page in place: the same
 * URL a plain submit would open (the submitting button's name and value
 * included, which next/form leaves out) replaces the current one without a
 * full load and without scrolling. Before JavaScript it is an ordinary form.
 */
export function InPlaceGetForm({ action, className, children }: { action: string; className?: string; children: ReactNode }) {
  const router = useRouter();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    const query = new URLSearchParams();
    for (const [name, value] of data) if (typeof value === "string") query.append(name, value);
    event.preventDefault();
    router.replace(`${action}?${query}`, { scroll: false });
  }
  return (
    <form method="get" action={action} className={className} onSubmit={onSubmit}>
      {children}
    </form>
  );
}
