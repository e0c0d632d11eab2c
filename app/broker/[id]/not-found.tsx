import { MissingResource } from '@/components/ui/missing-resource';

export default function BrokerNotFound() {
  return <MissingResource kind="broker" />;
}
