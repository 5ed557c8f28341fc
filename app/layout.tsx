import type { Metadata } from "next";
import { SiteHeader } from "@/components/layout/site-header";
import { getViewer } from "@/lib/auth/viewer";
import { appConfig } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Payments Desk", template: "%s · Payments Desk" },
  description: "EnKash B2B supplier payments, as received.",
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const viewer = await getViewer();
  return (
    <html lang="en-IN">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <SiteHeader viewer={viewer} webhookAuthOff={appConfig().WEBHOOK_AUTH === "off"} />
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
