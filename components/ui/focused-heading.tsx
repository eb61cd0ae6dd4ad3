"use client";

import { useEffect, useRef } from "react";

/** A page's h1 that takes focus when the page opens: the place a screen reader starts after a step that landed here. */
export function FocusedHeading({ children, className }: { children: string; className?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 ref={heading} tabIndex={-1} className={className ?? "text-2xl font-bold text-slate-900 outline-none sm:text-3xl"}>
      {children}
    </h1>
  );
}
