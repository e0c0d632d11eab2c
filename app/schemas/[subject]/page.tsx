import { SubjectView } from '@/components/schemas/subject-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ subject: string }> }) {
  return { title: `${decodeURIComponent((await params).subject)} · schemas` };
}

export default async function SubjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ subject: string }>;
  searchParams: Promise<{ cluster?: string; version?: string }>;
}) {
  const [{ subject }, { cluster, version }] = await Promise.all([params, searchParams]);
  const v = version && /^\d{1,9}$/.test(version) ? Number(version) : undefined;
  return <SubjectView key={`${subject}:${v ?? ''}`} cluster={cluster} subject={decodeURIComponent(subject)} version={v} />;
}
