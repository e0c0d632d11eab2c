import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loginWarning } from '../../scripts/login-warning.mjs';

describe('Console > warning when exposed without login', () => {
  test('warns for a non-loopback bind address without login', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'kayak.example.com'])
      assert.match(loginWarning(host, {}) ?? '', /WARNING: the console listens on .* without login/);
    assert.match(loginWarning('0.0.0.0', { KAYAK_AUTH: 'none', KAYAK_USERS_FILE: 'u.yaml' }) ?? '', /without login/);
  });

  test('stays quiet on loopback or with login configured', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.equal(loginWarning(host, {}), null);
    assert.equal(loginWarning('0.0.0.0', { KAYAK_USERS_FILE: '/config/users.yaml' }), null);
    assert.equal(loginWarning('0.0.0.0', { KAYAK_OIDC_ISSUER: 'https://login.example.com' }), null);
    assert.equal(loginWarning('0.0.0.0', { KAYAK_AUTH: 'users' }), null);
  });
});
