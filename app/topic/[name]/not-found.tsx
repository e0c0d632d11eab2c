import { MissingResource } from '@/components/ui/missing-resource';

export default function TopicNotFound() {
  return <MissingResource kind="topic" />;
}
