import { SchemasView } from '@/components/schemas/schemas-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Schema Registry' };

export default async function SchemasPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const { cluster } = await searchParams;
  return <SchemasView cluster={cluster} />;
}
