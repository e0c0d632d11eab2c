/**
 * AlterConfigs (key 33), v0-2: replaces a topic's whole set of config overrides (keys left out
 * return to their defaults), or sets dynamic broker defaults. Every key and value is validated
 * before anything is applied; validateOnly applies nothing.
 */
import { defineHandler } from './handler.ts';
import { ResourceType, attempt, configRefusal, isThisBroker, unknownResource } from './config-resources.ts';
import { decodeAlterConfigsRequest } from '../protocol/messages/alter-configs-request.ts';
import { defaultAlterConfigsResponse, encodeAlterConfigsResponse } from '../protocol/messages/alter-configs-response.ts';

export default defineHandler({
  apiKey: 33,
  minVersion: 0,
  maxVersion: 2,
  decode: decodeAlterConfigsRequest,
  encode: encodeAlterConfigsResponse,
  handle(req, ctx) {
    const { broker } = ctx;
    const responses = req.resources.map((resource) => {
      const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
      const denied = configRefusal(ctx, resource.resourceType, resource.resourceName, 'alter');
      if (denied !== null) return { ...base, ...denied };
      const configs = new Map(resource.configs.map((c) => [c.name, c.value]));
      if (resource.resourceType === ResourceType.TOPIC && broker.logs.getTopic(resource.resourceName)) {
        return { ...base, ...attempt(() => broker.logs.alterTopicConfig(resource.resourceName, configs, req.validateOnly)) };
      }
      if (resource.resourceType === ResourceType.BROKER && isThisBroker(broker, resource.resourceName)) {
        return { ...base, ...attempt(() => broker.logs.alterBrokerDefaults(configs, req.validateOnly)) };
      }
      return { ...base, ...unknownResource(resource.resourceType, resource.resourceName) };
    });
    return { ...defaultAlterConfigsResponse(), responses };
  },
});
