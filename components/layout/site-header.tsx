import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { buttonClasses } from "@/components/ui/button";
import { FrameWidth } from "@/components/layout/main-landmark";
import type { CurrentUser } from "@/lib/auth/guards";

const portalNames = { patient: "Patient portal", doctor: "Doctor portal", admin: "Admin console" } as const;

export function SiteHeader({ user }: { user: CurrentUser | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <FrameWidth className="flex flex-wrap items-center justify-between gap-3 py-3">
        <Link href="/" className="flex items-center gap-2 text-xl font-bold text-brand-700">
          <span aria-hidden="true" className="inline-block h-7 w-7 rounded-md bg-brand-700 text-center text-base leading-7 text-white">
            +
          </span>
          Careslot
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-2 text-sm">
          <Link href="/doctors" className="rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100">
            Find a doctor
          </Link>
          {user ? (
            <>
              <Link href={`/${user.role}`} className="rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100">
                {portalNames[user.role]}
              </Link>
              <form action={signOutAction}>
                <button type="submit" className={buttonClasses("secondary")}>
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/login" className="rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100">
                Sign in
              </Link>
              <Link href="/register" className={buttonClasses("primary")}>
                Create account
              </Link>
            </>
          )}
        </nav>
      </FrameWidth>
    </header>
  );
}
