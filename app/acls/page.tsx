import { AclsView } from '@/components/acls/acls-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'ACLs' };

export default async function AclsPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const { cluster } = await searchParams;
  return <AclsView cluster={cluster} />;
}
