import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostPolicy, hostRefusal } from '../../lib/server/http/host-check.ts';
import { contentTypeRefusal, crossOriginRefusal } from '../../lib/server/http/origin-check.ts';

const headers = (h: Record<string, string>) => new Headers(h);

describe('Console > allowed hosts', () => {
  test('loopback names and the bind address are allowed on any port; other names are not', () => {
    const policy = hostPolicy({ HOST: '10.1.2.3' });
    for (const ok of ['localhost:9000', '127.0.0.1', '[::1]:9000', 'LOCALHOST.', '10.1.2.3:9000']) assert.equal(hostRefusal(ok, policy), null, ok);
    for (const bad of ['evil.example', 'localhost.evil.example:9000', '127.0.0.1.nip.io', '10.1.2.4', '[::2]', '', 'a b'])
      assert.match(hostRefusal(bad, policy) ?? '', /does not answer|no Host/, bad);
    assert.match(hostRefusal(null, policy) ?? '', /no Host header/);
  });

  test('a wildcard bind address adds nothing; KAYAK_ALLOWED_HOSTS adds names, name:port, IPv6 and "*"', () => {
    assert.notEqual(hostRefusal('0.0.0.0:9000', hostPolicy({ HOST: '0.0.0.0' })), null);
    const policy = hostPolicy({ HOST: '::', KAYAK_ALLOWED_HOSTS: ' kayak.example.com , proxy.internal:8443, fe80::1 ' });
    assert.equal(hostRefusal('Kayak.Example.com:443', policy), null);
    assert.equal(hostRefusal('proxy.internal:8443', policy), null);
    assert.notEqual(hostRefusal('proxy.internal:9000', policy), null);
    assert.equal(hostRefusal('[fe80::1]:9000', policy), null);
    assert.equal(hostRefusal('anything.at.all', hostPolicy({ KAYAK_ALLOWED_HOSTS: '*' })), null);
  });
});

describe('Console > same-origin writes', () => {
  test('reads pass; writes need the own origin, or a same-origin/none fetch site, or no browser headers', () => {
    assert.equal(crossOriginRefusal('GET', headers({ origin: 'http://evil.example', host: 'localhost:9000' })), null);
    assert.equal(crossOriginRefusal('POST', headers({ origin: 'http://localhost:9000', host: 'localhost:9000' })), null);
    assert.equal(
      crossOriginRefusal('POST', headers({ origin: 'https://kayak.example.com', host: '127.0.0.1:9000', 'x-forwarded-host': 'kayak.example.com' })),
      null,
    );
    assert.equal(crossOriginRefusal('DELETE', headers({ host: 'localhost:9000' })), null);
    assert.equal(crossOriginRefusal('DELETE', headers({ host: 'localhost:9000', 'sec-fetch-site': 'same-origin' })), null);
    assert.match(crossOriginRefusal('POST', headers({ origin: 'http://localhost:9001', host: 'localhost:9000' })) ?? '', /localhost:9001/);
    assert.match(crossOriginRefusal('PATCH', headers({ origin: 'null', host: 'localhost:9000' })) ?? '', /"null"/);
    assert.match(crossOriginRefusal('DELETE', headers({ host: 'localhost:9000', 'sec-fetch-site': 'same-site' })) ?? '', /same-site/);
  });

  test('a body must be application/json', () => {
    assert.equal(contentTypeRefusal('POST', headers({ 'content-type': 'application/json; charset=utf-8', 'content-length': '2' })), null);
    assert.equal(contentTypeRefusal('DELETE', headers({})), null);
    assert.equal(contentTypeRefusal('POST', headers({ 'content-length': '0' })), null);
    assert.match(contentTypeRefusal('POST', headers({ 'content-type': 'text/plain', 'content-length': '2' })) ?? '', /text\/plain/);
    assert.match(contentTypeRefusal('POST', headers({ 'transfer-encoding': 'chunked' })) ?? '', /got none/);
  });
});
