/**
 * /api/acls against the bundled broker with the standard authorizer (the console connects as
 * User:ANONYMOUS, made a super user here), and against one without an authorizer in read-only
 * mode: the list says the cluster has no authorizer instead of being empty, and writes are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { randomName, startStack, type Stack } from './stack.ts';

function assertError(res: { status: number; body: any }, status: number, code: string, pattern?: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  if (pattern) assert.match(res.body.error.message, pattern);
}

describe('Console API > ACLs on a cluster with an authorizer', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ brokerArgs: ['--config', 'authorizer.class.name=standard', '--config', 'super.users=User:ANONYMOUS'] });
  });
  after(async () => {
    await stack?.stop();
  });

  const principal = `User:${randomName('acl-user')}`;
  const acl = { resourceType: 'TOPIC', resourceName: 'orders.', patternType: 'PREFIXED', principal, host: '*', operation: 'WRITE', permission: 'ALLOW' };

  test('creates, lists with filters, and deletes an ACL; the broker stores exactly that binding', async () => {
    assert.equal((await stack.api('/api/acls', { method: 'POST', body: acl })).status, 201);
    assert.equal(
      (
        await stack.api('/api/acls', {
          method: 'POST',
          body: { ...acl, resourceType: 'GROUP', resourceName: 'billing', patternType: 'LITERAL', operation: 'READ' },
        })
      ).status,
      201,
    );

    const all = await stack.api('/api/acls');
    assert.equal(all.status, 200);
    assert.equal(all.body.authorizer, true);
    assert.ok(all.body.acls.some((a: typeof acl) => a.principal === principal && a.patternType === 'PREFIXED' && a.operation === 'WRITE'));

    const byResource = await stack.api('/api/acls?resource=BILL');
    assert.deepEqual(
      byResource.body.acls.map((a: typeof acl) => `${a.resourceType}:${a.resourceName}`),
      ['GROUP:billing'],
    );
    const byPrincipal = await stack.api(`/api/acls?principal=${encodeURIComponent(principal)}`);
    assert.equal(byPrincipal.body.acls.length, 2);
    assert.equal((await stack.api('/api/acls?principal=nobody-has-this')).body.acls.length, 0);

    // What the console created is what a Kafka client sees.
    const admin = new Kafka({ clientId: 'acl-console-test', brokers: [stack.broker], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const seen = await admin.describeAcls({
        resourceType: 2,
        resourceName: 'orders.',
        resourcePatternType: 4,
        principal,
        operation: 1,
        permissionType: 1,
      } as never);
      assert.equal(seen.resources[0]?.acls[0]?.operation, 4);
    } finally {
      await admin.disconnect();
    }

    const deleted = await stack.api('/api/acls', { method: 'DELETE', body: acl });
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    assert.equal(deleted.body.deleted, 1);
    assertError(await stack.api('/api/acls', { method: 'DELETE', body: acl }), 404, 'not_found', /No such ACL/);
    assert.equal((await stack.api(`/api/acls?principal=${encodeURIComponent(principal)}`)).body.acls.length, 1);
  });

  test('bad ACLs are refused with 400 and a message, and nothing is created', async () => {
    const before = (await stack.api('/api/acls')).body.acls.length;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...acl, principal: 'alice' }, /User:alice/],
      [{ ...acl, operation: 'FLY' }, /Operation must be one of/],
      [{ ...acl, resourceType: 'CLUSTER', resourceName: 'other' }, /kafka-cluster/],
      [{ ...acl, resourceName: '' }, /Resource name is required/],
      [{ ...acl, host: 'example.com' }, /IP address/],
      [{ ...acl, patternType: 'MATCH' }, /Pattern type/],
      [{ ...acl, permission: 'ANY' }, /Permission/],
    ];
    for (const [body, message] of cases) assertError(await stack.api('/api/acls', { method: 'POST', body }), 400, 'bad_request', message);
    assertError(await stack.api('/api/acls', { method: 'POST', body: 'not json' }), 400, 'bad_request');
    assert.equal((await stack.api('/api/acls')).body.acls.length, before);
  });
});

describe('Console API > ACLs on a cluster without an authorizer, read-only', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ env: { KAYAK_READ_ONLY: 'true' } });
  });
  after(async () => {
    await stack?.stop();
  });

  test('the list says ACLs are not enabled instead of being empty', async () => {
    const res = await stack.api('/api/acls');
    assert.equal(res.status, 200);
    assert.equal(res.body.authorizer, false);
    assert.match(res.body.message, /no authorizer/i);
  });

  test('read-only mode refuses creating and deleting ACLs', async () => {
    const acl = { resourceType: 'TOPIC', resourceName: 't', principal: 'User:a', operation: 'READ', permission: 'ALLOW' };
    assertError(await stack.api('/api/acls', { method: 'POST', body: acl }), 403, 'forbidden', /read-only/);
    assertError(await stack.api('/api/acls', { method: 'DELETE', body: acl }), 403, 'forbidden', /read-only/);
  });

  test('an unreachable cluster is an error, not an empty list', async () => {
    const res = await stack.api('/api/acls?cluster=offline');
    assert.equal(res.status, 502, JSON.stringify(res.body));
  });
});
