import { notFound } from 'next/navigation';
import { BrokerDetailView } from '@/components/brokers/broker-detail-view';
import { assertBrokerExists } from '@/lib/server/kafka/brokers';
import { notFoundIfMissing } from '@/lib/server/page-guard';
import { brokerIdSchema } from '@/lib/validation';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Broker ${(await params).id}` };
}

export default async function BrokerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ cluster?: string }> }) {
  const [{ id }, { cluster }] = await Promise.all([params, searchParams]);
  const parsed = brokerIdSchema.safeParse(id);
  // Not a broker id at all: no broker can have this page.
  if (!parsed.success) notFound();
  const brokerId = parsed.data;
  await notFoundIfMissing(cluster, (c) => assertBrokerExists(c, brokerId));
  return <BrokerDetailView id={brokerId} cluster={cluster} />;
}
