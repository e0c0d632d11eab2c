/**
 * IncrementalAlterConfigs (key 44), v0-1: SET, DELETE, APPEND and SUBTRACT single config keys
 * of a topic (or broker defaults) without touching the others.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { ResourceType, attempt, configRefusal, isThisBroker, unknownResource } from './config-resources.ts';
import { decodeIncrementalAlterConfigsRequest } from '../protocol/messages/incremental-alter-configs-request.ts';
import { defaultIncrementalAlterConfigsResponse, encodeIncrementalAlterConfigsResponse } from '../protocol/messages/incremental-alter-configs-response.ts';
import type { IncrementalOp } from '../log/log-manager.ts';

const OPERATIONS: readonly IncrementalOp['op'][] = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

export default defineHandler({
  apiKey: 44,
  minVersion: 0,
  maxVersion: 1,
  decode: decodeIncrementalAlterConfigsRequest,
  encode: encodeIncrementalAlterConfigsResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const responses = req.resources.map((resource) => {
      const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
      const denied = configRefusal(ctx, resource.resourceType, resource.resourceName, 'alter');
      if (denied !== null) return { ...base, ...denied };
      const ops: IncrementalOp[] = [];
      for (const c of resource.configs) {
        const op = OPERATIONS[c.configOperation];
        if (op === undefined) return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown config operation ${c.configOperation}.` };
        ops.push({ name: c.name, op, value: c.value });
      }
      if (resource.resourceType === ResourceType.TOPIC && broker.logs.getTopic(resource.resourceName)) {
        return { ...base, ...attempt(() => broker.logs.incrementalAlterTopicConfig(resource.resourceName, ops, req.validateOnly)) };
      }
      if (resource.resourceType === ResourceType.BROKER && isThisBroker(broker, resource.resourceName)) {
        const configs = new Map(ops.map((o) => [o.name, o.op === 'DELETE' ? null : o.value]));
        if (ops.some((o) => o.op === 'APPEND' || o.op === 'SUBTRACT')) {
          return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'APPEND and SUBTRACT apply to list-typed topic configs only.' };
        }
        return { ...base, ...attempt(() => broker.logs.alterBrokerDefaults(configs, req.validateOnly)) };
      }
      return { ...base, ...unknownResource(resource.resourceType, resource.resourceName) };
    });
    return { ...defaultIncrementalAlterConfigsResponse(), responses };
  },
});
