import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Accord", template: "%s · Accord" },
  description: "Secure multi-agency collaboration for police forces and their partners",
  robots: { index: false, follow: false },
};

/** The document shell shared by every page. */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-GB">
      <body>{children}</body>
    </html>
  );
}
