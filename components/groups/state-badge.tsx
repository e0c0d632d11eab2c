import { Badge, type Tone } from '../ui/badge';

const TONE: Record<string, Tone> = {
  Stable: 'good',
  Empty: 'neutral',
  PreparingRebalance: 'warn',
  CompletingRebalance: 'warn',
  Assigning: 'warn',
  Reconciling: 'warn',
  Dead: 'bad',
};

export function StateBadge({ state }: { state: string }) {
  return <Badge tone={TONE[state] ?? 'neutral'}>{state || 'Unknown'}</Badge>;
}
