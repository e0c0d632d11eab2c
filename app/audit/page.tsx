import { AuditView } from '@/components/audit/audit-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ cluster?: string; user?: string; action?: string }> }) {
  const { cluster, user, action } = await searchParams;
  return <AuditView cluster={cluster} user={user} action={action} />;
}
