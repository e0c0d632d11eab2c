import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { Providers } from '@/components/layout/providers';
import { ThemeScript } from '@/components/layout/theme-script';
import { NONCE_HEADER } from '@/lib/server/http/security-headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Kayak', template: '%s · Kayak' },
  description: 'Kafka web console',
};

// Reading the request's nonce also makes every page render per request, as a nonce must.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>
          <AppHeader />
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
