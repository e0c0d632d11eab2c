/** "Copy as CLI": the kcat / kafka-*.sh command lines equivalent to what a view shows or does. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=,@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function cmd(parts: (string | false | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p)).join(' ');
}

export interface CliCommand {
  label: string;
  command: string;
}

export function clusterCommands(brokers: string[]): CliCommand[] {
  const b = shellQuote(brokers.join(','));
  return [
    { label: 'kcat', command: `kcat -b ${b} -L` },
    { label: 'kafka-broker-api-versions.sh', command: `kafka-broker-api-versions.sh --bootstrap-server ${b}` },
  ];
}

export function topicListCommands(brokers: string[]): CliCommand[] {
  const b = shellQuote(brokers.join(','));
  return [
    { label: 'kafka-topics.sh', command: `kafka-topics.sh --bootstrap-server ${b} --list` },
    { label: 'kcat', command: `kcat -b ${b} -L` },
  ];
}

export function createTopicCommands(brokers: string[], name: string, partitions: number, rf: number, configs: Record<string, string>): CliCommand[] {
  const b = shellQuote(brokers.join(','));
  const cfg = Object.entries(configs).map(([k, v]) => `--config ${shellQuote(`${k}=${v}`)}`);
  return [
    {
      label: 'kafka-topics.sh',
      command: cmd([
        'kafka-topics.sh',
        `--bootstrap-server ${b}`,
        '--create',
        `--topic ${shellQuote(name)}`,
        `--partitions ${partitions}`,
        `--replication-factor ${rf}`,
        ...cfg,
      ]),
    },
  ];
}

export function topicCommands(brokers: string[], topic: string): CliCommand[] {
  const b = shellQuote(brokers.join(','));
  const t = shellQuote(topic);
  return [
    { label: 'kafka-topics.sh --describe', command: `kafka-topics.sh --bootstrap-server ${b} --describe --topic ${t}` },
    { label: 'kafka-configs.sh --describe', command: `kafka-configs.sh --bootstrap-server ${b} --entity-type topics --entity-name ${t} --describe --all` },
    { label: 'kcat (metadata)', command: `kcat -b ${b} -L -t ${t}` },
    { label: 'kcat (consume)', command: `kcat -b ${b} -C -t ${t} -o beginning -e -f '%p:%o %k=%s\\n'` },
    { label: 'kafka-topics.sh --delete', command: `kafka-topics.sh --bootstrap-server ${b} --delete --topic ${t}` },
  ];
}

export function partitionReadCommand(brokers: string[], topic: string, partition: number, offset: string, count: number): string {
  return `kcat -b ${shellQuote(brokers.join(','))} -C -t ${shellQuote(topic)} -p ${partition} -o ${offset} -c ${count} -e -f '%o %T %k=%s\\n'`;
}

export function alterConfigCommand(brokers: string[], topic: string, name: string, value: string | null): string {
  const b = shellQuote(brokers.join(','));
  const action = value === null ? `--delete-config ${shellQuote(name)}` : `--add-config ${shellQuote(`${name}=${value}`)}`;
  return `kafka-configs.sh --bootstrap-server ${b} --entity-type topics --entity-name ${shellQuote(topic)} --alter ${action}`;
}

export function addPartitionsCommand(brokers: string[], topic: string, count: number): string {
  return `kafka-topics.sh --bootstrap-server ${shellQuote(brokers.join(','))} --alter --topic ${shellQuote(topic)} --partitions ${count}`;
}

export function groupListCommands(brokers: string[]): CliCommand[] {
  const b = shellQuote(brokers.join(','));
  return [
    { label: 'kafka-consumer-groups.sh', command: `kafka-consumer-groups.sh --bootstrap-server ${b} --list --state` },
    { label: 'kcat', command: `kcat -b ${b} -L` },
  ];
}

export function groupCommands(brokers: string[], group: string): CliCommand[] {
  const b = shellQuote(brokers.join(','));
  const g = shellQuote(group);
  return [
    { label: 'describe offsets', command: `kafka-consumer-groups.sh --bootstrap-server ${b} --describe --group ${g}` },
    { label: 'describe members', command: `kafka-consumer-groups.sh --bootstrap-server ${b} --describe --group ${g} --members --verbose` },
    { label: 'delete group', command: `kafka-consumer-groups.sh --bootstrap-server ${b} --delete --group ${g}` },
  ];
}

export type ResetCliStrategy =
  { type: 'earliest' } | { type: 'latest' } | { type: 'timestamp'; timestamp: string } | { type: 'offset'; offset: string } | { type: 'shift'; by: string };

export function resetCommand(brokers: string[], group: string, strategy: ResetCliStrategy, topic?: string, partition?: number, execute = false): string {
  const how =
    strategy.type === 'earliest'
      ? '--to-earliest'
      : strategy.type === 'latest'
        ? '--to-latest'
        : strategy.type === 'timestamp'
          ? `--to-datetime ${new Date(Number(strategy.timestamp)).toISOString().replace('Z', '')}`
          : strategy.type === 'offset'
            ? `--to-offset ${strategy.offset}`
            : `--shift-by ${strategy.by}`;
  const scope = topic ? `--topic ${shellQuote(partition === undefined ? topic : `${topic}:${partition}`)}` : '--all-topics';
  return cmd([
    'kafka-consumer-groups.sh',
    `--bootstrap-server ${shellQuote(brokers.join(','))}`,
    `--group ${shellQuote(group)}`,
    '--reset-offsets',
    how,
    scope,
    execute ? '--execute' : '--dry-run',
  ]);
}
