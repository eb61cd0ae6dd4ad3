"use client";

import { useSelectedLayoutSegment } from "next/navigation";
import { createContext, useContext, type ReactNode } from "react";

// Who draws <main>: the root layout for every page, except inside a portal,
// whose shell puts its menu (a <nav>) beside <main> rather than in it, so the
// skip link ("#main") lands on the page's own content. A 403 or 404 shown in
// place of a portal has no shell around it and draws <main> itself.

const PORTALS = new Set(["patient", "doctor", "admin"]);
const InsideMain = createContext(false);

/** The page's one <main>: the skip link's target, focusable so the link moves focus there too. */
export function Main({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <main id="main" tabIndex={-1} className={`focus:outline-none ${className}`}>
      <InsideMain value={true}>{children}</InsideMain>
    </main>
  );
}

/** For pages that may be shown with or without a <main> around them (403, 404). */
export function EnsureMain({ children }: { children: ReactNode }) {
  return useContext(InsideMain) ? children : <Main>{children}</Main>;
}

/** Whether the page is in a portal (the segment under the root layout), whose shell draws <main> itself. */
function useInPortal(): boolean {
  const segment = useSelectedLayoutSegment();
  return segment !== null && PORTALS.has(segment);
}

/**
 * The page's width, shared by the header and the frame so they line up.
 * Portals are a little wider (7xl): a week of the doctor's calendar beside the
 * menu then keeps a patient's name and reason readable at 1366 px.
 */
export function FrameWidth({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <div className={`mx-auto w-full px-4 ${useInPortal() ? "max-w-7xl" : "max-w-6xl"} ${className}`}>{children}</div>;
}

/** The root layout's frame: <main> around the page unless a portal's shell draws its own. */
export function PageFrame({ children }: { children: ReactNode }) {
  const portal = useInPortal();
  return <FrameWidth className="flex-1 py-6">{portal ? children : <Main>{children}</Main>}</FrameWidth>;
}
