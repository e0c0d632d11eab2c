/** Config resource types shared by DescribeConfigs, AlterConfigs and IncrementalAlterConfigs. */
import type { Broker } from '../broker.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { LogError } from '../log/errors.ts';
import { refused } from '../acl/api-acls.ts';
import type { HandlerContext } from './handler.ts';

export const ResourceType = { TOPIC: 2, BROKER: 4 } as const;

export interface ResourceOutcome {
  errorCode: number;
  errorMessage: string | null;
}

export const OK: ResourceOutcome = { errorCode: ErrorCode.NONE, errorMessage: null };

/** A BROKER resource names this node's id, or is empty for the cluster-wide defaults. */
export function isThisBroker(broker: Broker, name: string): boolean {
  return name === '' || name === String(broker.nodeId);
}

/** Runs a config change, turning storage errors into the resource's error code and message. */
export function attempt(change: () => void): ResourceOutcome {
  try {
    change();
    return OK;
  } catch (err) {
    if (err instanceof LogError) return { errorCode: err.errorCode, errorMessage: err.message };
    throw err;
  }
}

/** DESCRIBE_CONFIGS / ALTER_CONFIGS on the topic, or on the cluster for a BROKER resource. */
export function configRefusal(ctx: HandlerContext, type: number, name: string, access: 'describe' | 'alter'): ResourceOutcome | null {
  let errorCode: number | null = null;
  if (type === ResourceType.TOPIC) errorCode = refused(ctx, access === 'describe' ? 'describeTopicConfigs' : 'alterTopicConfigs', name);
  if (type === ResourceType.BROKER) errorCode = refused(ctx, access === 'describe' ? 'describeBrokerConfigs' : 'alterBrokerConfigs');
  return errorCode === null ? null : { errorCode, errorMessage: null };
}

export function unknownResource(type: number, name: string): ResourceOutcome {
  if (type === ResourceType.TOPIC) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic '${name}' does not exist.` };
  if (type === ResourceType.BROKER) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Broker '${name}' is not this broker.` };
  return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${type}.` };
}
