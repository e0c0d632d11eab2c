/**
 * The permission table (lib/server/auth/permissions.ts) is the only place that says who may call
 * an API route: every handler exported under app/api must be listed, and nothing else.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, test } from 'node:test';
import { findRule, ROUTE_RULES } from '../../lib/server/auth/permissions.ts';

const root = join(import.meta.dirname, '..', '..');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === 'route.ts' ? [join(dir, e.name)] : [],
  );
}

/** [method, pattern] for every exported handler, e.g. ['DELETE', '/api/topics/[name]']. */
function exportedHandlers(): [string, string][] {
  return routeFiles(join(root, 'app', 'api')).flatMap((file) => {
    const pattern = `/${relative(join(root, 'app'), file).split(sep).slice(0, -1).join('/')}`;
    const text = readFileSync(file, 'utf8');
    const methods = [...text.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)].map((m) => m[1]!);
    assert.ok(methods.length > 0, `${pattern}: no exported handler found`);
    return methods.map((m): [string, string] => [m, pattern]);
  });
}

describe('Console > route permission table', () => {
  const handlers = exportedHandlers();

  test('every exported API handler has exactly its entry in the table', () => {
    for (const [method, pattern] of handlers) {
      const rule = findRule(method, pattern.replace(/\[[^\]]+\]/g, 'x'));
      assert.ok(rule, `${method} ${pattern} is missing from ROUTE_RULES`);
      assert.equal(rule.pattern, pattern, `${method} ${pattern} matched ${rule.pattern}`);
    }
  });

  test('the table lists no route that does not exist', () => {
    const known = new Set(handlers.map(([m, p]) => `${m} ${p}`));
    for (const r of ROUTE_RULES) assert.ok(known.has(`${r.method} ${r.pattern}`), `${r.method} ${r.pattern} has no handler`);
  });

  test('every write is audited and needs a cluster role; reads never are audited', () => {
    for (const r of ROUTE_RULES) {
      // Previews and the schema compatibility check are POSTs that change nothing.
      const write = r.method !== 'GET' && !r.pattern.startsWith('/api/auth/') && !r.pattern.endsWith('/preview') && !r.pattern.endsWith('/compatibility');
      assert.equal(Boolean(r.action), write, `${r.method} ${r.pattern}`);
      if (write) assert.ok(r.permission === 'operate' || r.permission === 'admin', `${r.method} ${r.pattern} is a write with permission ${r.permission}`);
    }
  });

  test('unknown routes and methods are not matched (denied by default)', () => {
    assert.equal(findRule('PUT', '/api/topics'), undefined);
    assert.equal(findRule('GET', '/api/topics/a/b/c'), undefined);
    assert.equal(findRule('GET', '/api/nope'), undefined);
    assert.equal(findRule('DELETE', '/api/topics'), undefined);
    assert.equal(findRule('HEAD', '/api/topics')?.permission, 'read');
    assert.equal(findRule('GET', '/api/topics/orders.v1/messages')?.permission, 'messages');
  });
});
