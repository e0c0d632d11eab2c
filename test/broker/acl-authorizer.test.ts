/**
 * The standard authorizer's rules on their own (no network): pattern matching, principals and
 * hosts, DENY over ALLOW, implied operations (for ALLOW only), super users, the no-ACL default,
 * filters as DescribeAcls/DeleteAcls use them, and storage across instances.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authorizer, parseSuperUsers } from '../../broker/acl/authorizer.ts';
import { ACL_FILE } from '../../broker/acl/acl-store.ts';
import { AclOperation as Op, PatternType as P, PermissionType as Perm, ResourceType as R, type AclBinding } from '../../broker/acl/acl-types.ts';
import { removeDir } from '../helpers/broker-process.ts';

const alice = { principal: 'User:alice', host: '10.0.0.5' };
const bob = { principal: 'User:bob', host: '10.0.0.6' };

function binding(over: Partial<AclBinding>): AclBinding {
  return {
    resourceType: R.TOPIC,
    resourceName: 't',
    patternType: P.LITERAL,
    principal: 'User:alice',
    host: '*',
    operation: Op.READ,
    permissionType: Perm.ALLOW,
    ...over,
  };
}

function withAuthorizer(
  acls: Partial<AclBinding>[],
  settings: Partial<{ superUsers: Set<string>; allowEveryoneIfNoAclFound: boolean }>,
  fn: (a: Authorizer, dir: string) => void,
): void {
  const dir = mkdtempSync(join(tmpdir(), 'kayak-acl-'));
  try {
    const a = Authorizer.open(dir, { superUsers: new Set(), allowEveryoneIfNoAclFound: false, ...settings });
    assert.deepEqual(
      a.create(acls.map(binding)),
      acls.map(() => null),
    );
    fn(a, dir);
  } finally {
    removeDir(dir);
  }
}

test('literal, wildcard and prefixed patterns; principals, User:* and hosts', () => {
  withAuthorizer(
    [
      { resourceName: 'orders' },
      { resourceName: 'pay.', patternType: P.PREFIXED, operation: Op.WRITE },
      { resourceName: '*', principal: 'User:*', operation: Op.DESCRIBE },
      { resourceName: 'local', host: '10.0.0.5' },
    ],
    {},
    (a) => {
      assert.equal(a.authorize(alice, Op.READ, R.TOPIC, 'orders'), true);
      assert.equal(a.authorize(bob, Op.READ, R.TOPIC, 'orders'), false);
      assert.equal(a.authorize(alice, Op.WRITE, R.TOPIC, 'pay.eu'), true);
      assert.equal(a.authorize(alice, Op.WRITE, R.TOPIC, 'pay'), false);
      assert.equal(a.authorize(bob, Op.DESCRIBE, R.TOPIC, 'anything'), true);
      assert.equal(a.authorize(alice, Op.READ, R.TOPIC, 'local'), true);
      assert.equal(a.authorize(bob, Op.READ, R.TOPIC, 'local'), false);
      // Same name, other resource type: nothing applies.
      assert.equal(a.authorize(alice, Op.READ, R.GROUP, 'orders'), false);
    },
  );
});

test('DENY wins; implications grant through ALLOW only; ALL covers everything', () => {
  withAuthorizer(
    [
      { resourceName: 'a', operation: Op.ALL },
      { resourceName: 'a', operation: Op.DELETE, permissionType: Perm.DENY },
      { resourceName: 'b', operation: Op.WRITE },
      { resourceName: 'b', operation: Op.ALTER_CONFIGS },
      { resourceName: 'c', operation: Op.ALL },
      { resourceName: 'c', operation: Op.READ, permissionType: Perm.DENY },
      { resourceName: 'c', operation: Op.DESCRIBE, principal: 'User:*', permissionType: Perm.DENY },
    ],
    {},
    (a) => {
      assert.equal(a.authorize(alice, Op.READ, R.TOPIC, 'a'), true);
      assert.equal(a.authorize(alice, Op.DELETE, R.TOPIC, 'a'), false);
      assert.equal(a.authorize(alice, Op.DESCRIBE, R.TOPIC, 'b'), true);
      assert.equal(a.authorize(alice, Op.DESCRIBE_CONFIGS, R.TOPIC, 'b'), true);
      assert.equal(a.authorize(alice, Op.READ, R.TOPIC, 'b'), false);
      // A DENY of READ does not deny DESCRIBE; a DENY of DESCRIBE for everyone does.
      assert.equal(a.authorize(alice, Op.READ, R.TOPIC, 'c'), false);
      assert.equal(a.authorize(alice, Op.DESCRIBE, R.TOPIC, 'c'), false);
      assert.equal(a.authorize(alice, Op.WRITE, R.TOPIC, 'c'), true);
    },
  );
});

test('super users, and allow.everyone.if.no.acl.found only where no ACL applies', () => {
  assert.deepEqual([...parseSuperUsers(' User:admin ; User:ops;')], ['User:admin', 'User:ops']);
  withAuthorizer([{ resourceName: 'guarded', principal: 'User:bob' }], { superUsers: parseSuperUsers('User:admin'), allowEveryoneIfNoAclFound: true }, (a) => {
    assert.equal(a.authorize({ principal: 'User:admin', host: '1.2.3.4' }, Op.DELETE, R.TOPIC, 'guarded'), true);
    assert.equal(a.authorize(alice, Op.READ, R.TOPIC, 'free'), true);
    assert.equal(a.authorize(alice, Op.READ, R.TOPIC, 'guarded'), false);
  });
  withAuthorizer([], {}, (a) => assert.equal(a.authorize(alice, Op.READ, R.TOPIC, 'free'), false));
});

test('filters: MATCH finds the patterns that apply to a name; ANY and exact find by pattern', () => {
  withAuthorizer([{ resourceName: 'pay.eu' }, { resourceName: 'pay.', patternType: P.PREFIXED }, { resourceName: '*' }, { resourceName: 'other' }], {}, (a) => {
    const filter = {
      resourceType: R.TOPIC,
      resourceName: 'pay.eu',
      patternType: P.MATCH,
      principal: null,
      host: null,
      operation: Op.ANY,
      permissionType: Perm.ANY,
    };
    assert.deepEqual(
      a
        .describe(filter)
        .map((b) => b.resourceName)
        .sort(),
      ['*', 'pay.', 'pay.eu'],
    );
    assert.deepEqual(
      a.describe({ ...filter, patternType: P.ANY }).map((b) => b.resourceName),
      ['pay.eu'],
    );
    assert.deepEqual(
      a.describe({ ...filter, resourceName: null, patternType: P.PREFIXED }).map((b) => b.resourceName),
      ['pay.'],
    );
    const removed = a.delete([{ ...filter, resourceName: 'other', patternType: P.LITERAL }]);
    assert.equal(removed[0]?.length, 1);
    assert.equal(a.size, 3);
  });
});

test('invalid bindings are refused one by one; duplicates are stored once; ACLs outlive the instance', () => {
  withAuthorizer([], {}, (a, dir) => {
    const problems = a.create([
      binding({ resourceType: R.CLUSTER, resourceName: 'x' }),
      binding({ principal: 'alice' }),
      binding({ patternType: P.MATCH }),
      binding({ operation: Op.ANY }),
      binding({ resourceName: '' }),
      binding({}),
      binding({}),
    ]);
    assert.equal(problems.filter((p) => p !== null).length, 5);
    assert.equal(a.size, 1);
    const reopened = Authorizer.open(dir, { superUsers: new Set(), allowEveryoneIfNoAclFound: false });
    assert.equal(reopened.authorize(alice, Op.READ, R.TOPIC, 't'), true);
    writeFileSync(join(dir, ACL_FILE), '{"version":1,"acls":[{"resourceType":2}]}');
    assert.throws(() => Authorizer.open(dir, { superUsers: new Set(), allowEveryoneIfNoAclFound: false }), /cannot read ACLs/);
  });
});
