/**
 * CreateAcls (key 30), v0-3: adds ACL bindings (v0 bindings are LITERAL). Needs ALTER on the
 * cluster. Each binding is checked on its own; valid ones are stored even when others fail.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { refused } from '../acl/api-acls.ts';
import { NO_AUTHORIZER } from './29-describe-acls.ts';
import { decodeCreateAclsRequest } from '../protocol/messages/create-acls-request.ts';
import { defaultCreateAclsResponse, encodeCreateAclsResponse } from '../protocol/messages/create-acls-response.ts';

export default defineHandler({
  apiKey: 30,
  minVersion: 0,
  maxVersion: 3,
  decode: decodeCreateAclsRequest,
  encode: encodeCreateAclsResponse,
  handle(req, ctx) {
    const all = (errorCode: number, errorMessage: string | null) => ({
      ...defaultCreateAclsResponse(),
      results: req.creations.map(() => ({ errorCode, errorMessage })),
    });
    const denied = refused(ctx, 'alterAcls');
    if (denied !== null) return all(denied, null);
    const authorizer = ctx.broker.authorizer;
    if (authorizer === null) return all(ErrorCode.SECURITY_DISABLED, NO_AUTHORIZER);
    const problems = authorizer.create(
      req.creations.map((c) => ({
        resourceType: c.resourceType,
        resourceName: c.resourceName,
        patternType: c.resourcePatternType,
        principal: c.principal,
        host: c.host,
        operation: c.operation,
        permissionType: c.permissionType,
      })),
    );
    const results = problems.map((p) =>
      p === null ? { errorCode: ErrorCode.NONE, errorMessage: null } : { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: p },
    );
    return { ...defaultCreateAclsResponse(), results };
  },
});
