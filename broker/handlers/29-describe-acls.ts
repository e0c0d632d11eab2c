/**
 * DescribeAcls (key 29), v0-3: the ACLs a filter matches, grouped by resource pattern. Needs
 * DESCRIBE on the cluster; without an authorizer the answer is SECURITY_DISABLED, as in Kafka.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { refused } from '../acl/api-acls.ts';
import { filterProblem } from '../acl/acl-filter.ts';
import { decodeDescribeAclsRequest } from '../protocol/messages/describe-acls-request.ts';
import { defaultDescribeAclsResponse, encodeDescribeAclsResponse, type DescribeAclsResource } from '../protocol/messages/describe-acls-response.ts';

export const NO_AUTHORIZER = 'No Authorizer is configured.';

export default defineHandler({
  apiKey: 29,
  minVersion: 0,
  maxVersion: 3,
  decode: decodeDescribeAclsRequest,
  encode: encodeDescribeAclsResponse,
  handle(req, ctx) {
    const fail = (errorCode: number, errorMessage: string | null) => ({ ...defaultDescribeAclsResponse(), errorCode, errorMessage });
    const denied = refused(ctx, 'describeAcls');
    if (denied !== null) return fail(denied, null);
    const authorizer = ctx.broker.authorizer;
    if (authorizer === null) return fail(ErrorCode.SECURITY_DISABLED, NO_AUTHORIZER);
    const filter = {
      resourceType: req.resourceTypeFilter,
      resourceName: req.resourceNameFilter,
      patternType: req.patternTypeFilter,
      principal: req.principalFilter,
      host: req.hostFilter,
      operation: req.operation,
      permissionType: req.permissionType,
    };
    const problem = filterProblem(filter);
    if (problem !== null) return fail(ErrorCode.INVALID_REQUEST, problem);
    const resources = new Map<string, DescribeAclsResource>();
    for (const acl of authorizer.describe(filter)) {
      const key = JSON.stringify([acl.resourceType, acl.resourceName, acl.patternType]);
      let resource = resources.get(key);
      if (resource === undefined) {
        resource = { resourceType: acl.resourceType, resourceName: acl.resourceName, patternType: acl.patternType, acls: [] };
        resources.set(key, resource);
      }
      resource.acls.push({ principal: acl.principal, host: acl.host, operation: acl.operation, permissionType: acl.permissionType });
    }
    return { ...defaultDescribeAclsResponse(), errorCode: ErrorCode.NONE, errorMessage: null, resources: [...resources.values()] };
  },
});
