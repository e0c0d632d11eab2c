/**
 * DescribeConfigs (key 32), v0-4: topic and broker configs with their effective values,
 * whether they are defaults, their sources and (when asked) synonyms and documentation.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { ResourceType, configRefusal, isThisBroker, unknownResource } from './config-resources.ts';
import { decodeDescribeConfigsRequest, type DescribeConfigsResource } from '../protocol/messages/describe-configs-request.ts';
import { defaultDescribeConfigsResponse, encodeDescribeConfigsResponse, type DescribeConfigsResult } from '../protocol/messages/describe-configs-response.ts';
import type { ConfigEntry } from '../config/resolve-config.ts';
import type { Broker } from '../broker.ts';

function entries(broker: Broker, resource: DescribeConfigsResource): ConfigEntry[] | null {
  const keys = resource.configurationKeys;
  if (resource.resourceType === ResourceType.TOPIC) {
    return broker.logs.getTopic(resource.resourceName) ? broker.logs.describeTopicConfigs(resource.resourceName, keys) : null;
  }
  if (resource.resourceType === ResourceType.BROKER && isThisBroker(broker, resource.resourceName)) {
    return broker.logs.describeBrokerConfigs(keys);
  }
  return null;
}

export default defineHandler({
  apiKey: 32,
  minVersion: 0,
  maxVersion: 4,
  decode: decodeDescribeConfigsRequest,
  encode: encodeDescribeConfigsResponse,
  handle(req, ctx) {
    const results = req.resources.map((resource): DescribeConfigsResult => {
      const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
      const denied = configRefusal(ctx, resource.resourceType, resource.resourceName, 'describe');
      if (denied !== null) return { ...base, ...denied, configs: [] };
      const found = entries(ctx.broker, resource);
      // Kafka's DescribeConfigs answers an unknown topic, and success, with the message "".
      if (found === null) {
        const unknown = unknownResource(resource.resourceType, resource.resourceName);
        return { ...base, ...unknown, errorMessage: resource.resourceType === ResourceType.TOPIC ? '' : unknown.errorMessage, configs: [] };
      }
      return {
        ...base,
        errorCode: ErrorCode.NONE,
        errorMessage: '',
        configs: found.map((e) => ({
          name: e.name,
          value: e.isSensitive ? null : e.value,
          readOnly: e.readOnly,
          isDefault: e.isDefault,
          configSource: e.source,
          isSensitive: e.isSensitive,
          synonyms: req.includeSynonyms ? e.synonyms.map((s) => ({ name: s.name, value: s.value, source: s.source })) : [],
          configType: e.typeCode,
          documentation: req.includeDocumentation ? e.documentation : null,
        })),
      };
    });
    return { ...defaultDescribeConfigsResponse(), results };
  },
});
