import { TransactionsView } from '@/components/transactions/transactions-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Transactions' };

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const { cluster } = await searchParams;
  return <TransactionsView cluster={cluster} />;
}
