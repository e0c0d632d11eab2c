/** Kafka's topic name rules (org.apache.kafka.common.internals.Topic.validate). */
export const MAX_TOPIC_NAME_LENGTH = 249;

/** Error message for an invalid name, or null. Names starting with "__" (internal topics) are allowed. */
export function validateTopicName(name: string): string | null {
  if (name.length === 0) return "Topic name is illegal, it can't be empty";
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `Topic name is illegal, it can't be longer than ${MAX_TOPIC_NAME_LENGTH} characters, topic name: ${name}`;
  }
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return null;
}

/** The two topics Kafka itself marks internal in Metadata responses. */
export const isInternalTopic = (name: string): boolean => name === '__consumer_offsets' || name === '__transaction_state';
