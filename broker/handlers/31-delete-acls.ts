/**
 * DeleteAcls (key 31), v0-3: removes every ACL each filter matches and answers, per filter,
 * the bindings it removed. Needs ALTER on the cluster.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { refused } from '../acl/api-acls.ts';
import { filterProblem } from '../acl/acl-filter.ts';
import { NO_AUTHORIZER } from './29-describe-acls.ts';
import { decodeDeleteAclsRequest } from '../protocol/messages/delete-acls-request.ts';
import { defaultDeleteAclsResponse, encodeDeleteAclsResponse, type DeleteAclsFilterResult } from '../protocol/messages/delete-acls-response.ts';
import type { AclBindingFilter } from '../acl/acl-types.ts';

export default defineHandler({
  apiKey: 31,
  minVersion: 0,
  maxVersion: 3,
  decode: decodeDeleteAclsRequest,
  encode: encodeDeleteAclsResponse,
  handle(req, ctx) {
    const all = (errorCode: number, errorMessage: string | null) => ({
      ...defaultDeleteAclsResponse(),
      filterResults: req.filters.map((): DeleteAclsFilterResult => ({ errorCode, errorMessage, matchingAcls: [] })),
    });
    const denied = refused(ctx, 'alterAcls');
    if (denied !== null) return all(denied, null);
    const authorizer = ctx.broker.authorizer;
    if (authorizer === null) return all(ErrorCode.SECURITY_DISABLED, NO_AUTHORIZER);
    const filters: AclBindingFilter[] = req.filters.map((f) => ({
      resourceType: f.resourceTypeFilter,
      resourceName: f.resourceNameFilter,
      patternType: f.patternTypeFilter,
      principal: f.principalFilter,
      host: f.hostFilter,
      operation: f.operation,
      permissionType: f.permissionType,
    }));
    const problems = filters.map(filterProblem);
    // Only valid filters delete anything; an invalid one answers INVALID_REQUEST on its own.
    const removed = authorizer.delete(filters.filter((_, i) => problems[i] === null));
    let next = 0;
    const filterResults = problems.map((problem): DeleteAclsFilterResult => {
      if (problem !== null) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: problem, matchingAcls: [] };
      const matchingAcls = (removed[next++] ?? []).map((a) => ({ errorCode: ErrorCode.NONE, errorMessage: null, ...a }));
      return { errorCode: ErrorCode.NONE, errorMessage: null, matchingAcls };
    });
    return { ...defaultDeleteAclsResponse(), filterResults };
  },
});
