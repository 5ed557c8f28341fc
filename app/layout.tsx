import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Payments Desk", template: "%s · Payments Desk" },
  description: "EnKash B2B supplier payments, as received.",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en-IN">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
