import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { PageFrame } from "@/components/layout/main-landmark";
import { SiteHeader } from "@/components/layout/site-header";
import { currentUser } from "@/lib/auth/guards";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Careslot — book a doctor", template: "%s · Careslot" },
  description: "Find a doctor, book, pay for and manage visits online.",
  // Files in public/: the manifest's colours are the brand ones of globals.css (brand-700, slate-50).
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/icons/icon.svg", type: "image/svg+xml" },
      { url: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
    ],
    apple: "/icons/apple-touch-icon.png",
  },
};

export const viewport: Viewport = { themeColor: "#0f766e" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <SiteHeader user={user} />
        {/* <main> is drawn by the frame, or by a portal's shell beside its menu. */}
        <PageFrame>{children}</PageFrame>
        <footer className="border-t border-slate-200 bg-white py-4 text-center text-sm text-slate-600">Careslot — open-source appointments for clinics</footer>
      </body>
    </html>
  );
}
