"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export interface PortalLink {
  href: string;
  label: string;
}

/** The item for the page shown: its own link, else the section it sits in (/doctor/appointments/… → Appointments). */
function currentHref(items: PortalLink[], pathname: string): string | undefined {
  return items
    .map((item) => item.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * A portal's menu: a <nav> beside <main>. On a phone the links sit behind a
 * "Menu" disclosure (<details>, so it opens without JavaScript too); from md
 * width up the summary is hidden and the links always show. The current page's
 * link carries aria-current and a bar and tint of its own.
 */
export function PortalMenu({ title, items }: { title: string; items: PortalLink[] }) {
  const pathname = usePathname();
  const current = currentHref(items, pathname);
  const details = useRef<HTMLDetailsElement>(null);
  // A link chosen on a phone leads to another page: the menu closes behind it.
  useEffect(() => details.current?.removeAttribute("open"), [pathname]);

  return (
    <nav aria-label={title} className="md:w-48 md:shrink-0">
      <details ref={details} className="group md:[&::details-content]:[content-visibility:visible] md:[&>summary]:hidden">
        <summary className="inline-flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-md border border-slate-300 bg-white px-4 font-semibold text-slate-900 shadow-sm hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
            <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
          </svg>
          Menu
        </summary>
        <div className="mt-2 rounded-lg border border-slate-200 bg-white p-2 shadow-sm md:mt-0 md:border-0 md:bg-transparent md:p-0 md:shadow-none">
          <p className="mb-2 px-3 text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</p>
          <ul className="flex flex-col gap-1">
            {items.map((item) => {
              const here = item.href === current;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={here ? (pathname === item.href ? "page" : "true") : undefined}
                    className={`flex min-h-11 items-center rounded-md border-l-4 px-3 py-2 text-sm md:min-h-0 ${
                      here
                        ? "border-brand-700 bg-brand-50 font-semibold text-brand-800"
                        : "border-transparent font-medium text-slate-700 hover:bg-white hover:text-brand-700"
                    }`}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      </details>
    </nav>
  );
}
