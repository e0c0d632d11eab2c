import { BrokersView } from '@/components/brokers/brokers-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Brokers' };

export default async function BrokersPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const { cluster } = await searchParams;
  return <BrokersView cluster={cluster} />;
}
