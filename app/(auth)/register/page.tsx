import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth/register-form";
import { googleSignInEnabled } from "@/lib/auth/google-sign-in";
import { currentUser, portalPath, safeReturnPath } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { pickerOptions } from "@/lib/places/dataset";
import { AuthCard } from "../auth-card";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (user) redirect(portalPath(user.role));
  const params = await searchParams;
  const next = safeReturnPath(typeof params.next === "string" ? params.next : undefined);
  return (
    <AuthCard
      title="Create an account"
      subtitle="Book visits as a patient, or offer appointments as a doctor."
      footer={
        <>
          Already registered?{" "}
          <Link href={next ? `/login?next=${encodeURIComponent(next)}` : "/login"} className="font-medium text-brand-700 underline">
            Sign in
          </Link>
        </>
      }
    >
      <RegisterForm next={next} places={pickerOptions(null, null)} google={googleSignInEnabled(env())} />
    </AuthCard>
  );
}
