import { LoginForm } from '@/components/auth/login-form';
import { safeReturnPath } from '@/lib/server/auth/return-path';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  return <LoginForm next={safeReturnPath(next)} error={error} />;
}
