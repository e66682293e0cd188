import type { Metadata } from "next";
import Link from "next/link";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { Suspense } from "react";
import { AccountMenu } from "@/components/account/AccountMenu";
import { currentActor, viewerOf } from "@/lib/server/auth/actor";
import { rootMetadata } from "@/lib/seo/metadata";
import "./globals.css";

/** Read per request, so ROOTLINE_PUBLIC_URL set when the server starts is the base of every share URL. */
export function generateMetadata(): Metadata {
  return rootMetadata();
}

async function Account() {
  return <AccountMenu viewer={viewerOf(await currentActor())} />;
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3" aria-label="Main">
            <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
              Rootline
            </Link>
            <span className="hidden text-sm text-slate-600 sm:inline">lineage of post-training datasets</span>
            <Link href="/analysis" className="ml-auto text-sm text-blue-700 underline hover:text-blue-900">
              Analyses
            </Link>
            <Link href="/contamination" className="text-sm text-blue-700 underline hover:text-blue-900">
              Contamination
            </Link>
            <Link href="/runs" className="text-sm text-blue-700 underline hover:text-blue-900">
              Trace runs
            </Link>
            <Link href="/review" className="text-sm text-blue-700 underline hover:text-blue-900">
              Review
            </Link>
            <Suspense fallback={null}>
              <Account />
            </Suspense>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
