import { MissingResource } from '@/components/ui/missing-resource';

export default function GroupNotFound() {
  return <MissingResource kind="group" />;
}
