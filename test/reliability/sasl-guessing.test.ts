/**
 * Password guessing and user enumeration over a raw SCRAM-SHA-256 exchange against a real
 * broker process: a failed login is answered only after connection.failed.authentication.delay.ms
 * (other clients are served meanwhile), and an unknown user sees the same kind of server-first
 * message as a known one (a stable salt, the same iteration count) and the same final error.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { encodeSaslHandshakeRequest } from '../../broker/protocol/messages/sasl-handshake-request.ts';
import { decodeSaslHandshakeResponse } from '../../broker/protocol/messages/sasl-handshake-response.ts';
import { encodeSaslAuthenticateRequest } from '../../broker/protocol/messages/sasl-authenticate-request.ts';
import { decodeSaslAuthenticateResponse, type SaslAuthenticateResponse } from '../../broker/protocol/messages/sasl-authenticate-response.ts';
import { encodeApiVersionsRequest, defaultApiVersionsRequest } from '../../broker/protocol/messages/api-versions-request.ts';
import { decodeApiVersionsResponse } from '../../broker/protocol/messages/api-versions-response.ts';

const DELAY_MS = 1000;
const SASL_AUTHENTICATION_FAILED = 58;
let broker: BrokerProcess;
let port: number;

before(async () => {
  broker = await startBroker({
    args: ['--listeners', 'SASL_PLAINTEXT://127.0.0.1:0', '--sasl-users', 'alice:alice-secret'],
    config: { 'connection.failed.authentication.delay.ms': String(DELAY_MS) },
  });
  port = broker.ports.SASL_PLAINTEXT as number;
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

interface ServerFirst {
  client: RawClient;
  clientFirstBare: string;
  serverFirst: string;
  nonce: string;
  salt: Buffer;
  iterations: number;
}

/** Handshake v1 and the client-first message; returns what the server answered. */
async function scramStart(user: string): Promise<ServerFirst> {
  const client = await RawClient.connect(port);
  const handshake = await client.request(17, 1, encodeSaslHandshakeRequest, { mechanism: 'SCRAM-SHA-256' }, decodeSaslHandshakeResponse);
  assert.equal(handshake.errorCode, 0);
  const clientFirstBare = `n=${user},r=${randomBytes(12).toString('base64url')}`;
  const first = await client.request(36, 1, encodeSaslAuthenticateRequest, { authBytes: Buffer.from(`n,,${clientFirstBare}`) }, decodeSaslAuthenticateResponse);
  assert.equal(first.errorCode, 0, first.errorMessage ?? '');
  const serverFirst = first.authBytes.toString();
  const attrs = new Map(serverFirst.split(',').map((p) => [p[0], p.slice(2)] as [string, string]));
  return {
    client,
    clientFirstBare,
    serverFirst,
    nonce: attrs.get('r') ?? '',
    salt: Buffer.from(attrs.get('s') ?? '', 'base64'),
    iterations: Number(attrs.get('i')),
  };
}

/** Sends the client-final message with a proof computed from `password` (RFC 5802). */
function scramFinish(s: ServerFirst, password: string): Promise<SaslAuthenticateResponse> {
  const withoutProof = `c=biws,r=${s.nonce}`;
  const salted = pbkdf2Sync(password, s.salt, s.iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const signature = createHmac('sha256', storedKey).update(`${s.clientFirstBare},${s.serverFirst},${withoutProof}`).digest();
  const proof = Buffer.from(clientKey.map((b, i) => b ^ (signature[i] as number))).toString('base64');
  return s.client.request(36, 1, encodeSaslAuthenticateRequest, { authBytes: Buffer.from(`${withoutProof},p=${proof}`) }, decodeSaslAuthenticateResponse);
}

test('SCRAM: an unknown user gets a stable salt and the same iteration count as a known one', async () => {
  const known = [await scramStart('alice'), await scramStart('alice')];
  const unknown = [await scramStart('mallory'), await scramStart('mallory')];
  const other = await scramStart('trudy');
  for (const s of [...known, ...unknown, other]) s.client.close();
  assert.deepEqual(known[0]?.salt, known[1]?.salt, 'a known user keeps one salt');
  assert.deepEqual(unknown[0]?.salt, unknown[1]?.salt, 'an unknown user gets the same salt every time');
  assert.notDeepEqual(unknown[0]?.salt, other.salt, 'two unknown users get different salts, as two real users would');
  assert.equal(unknown[0]?.salt.length, known[0]?.salt.length);
  assert.equal(unknown[0]?.iterations, known[0]?.iterations);
});

test('SCRAM: a wrong password and an unknown user fail alike, only at the proof, after the delay', async () => {
  const right = await scramStart('alice');
  const ok = await scramFinish(right, 'alice-secret');
  right.client.close();
  assert.equal(ok.errorCode, 0);
  assert.match(ok.authBytes.toString(), /^v=/);

  const answers: { errorCode: number; errorMessage: string | null; elapsedMs: number }[] = [];
  for (const [user, password] of [
    ['alice', 'guess'],
    ['mallory', 'guess'],
  ] as const) {
    const s = await scramStart(user);
    const closed = s.client.closed;
    const started = Date.now();
    const failed = scramFinish(s, password);
    // The delay does not hold up other clients: one is answered while the login waits.
    const other = await RawClient.connect(port);
    const otherAnswered = other.request(18, 0, encodeApiVersionsRequest, defaultApiVersionsRequest(), decodeApiVersionsResponse).then(() => 'other');
    assert.equal(await Promise.race([otherAnswered, failed.then(() => 'failed login')]), 'other');
    other.close();
    const reply = await failed;
    answers.push({ errorCode: reply.errorCode, errorMessage: reply.errorMessage, elapsedMs: Date.now() - started });
    await closed; // the broker closes the connection after the error
  }
  for (const a of answers) {
    assert.equal(a.errorCode, SASL_AUTHENTICATION_FAILED);
    assert.ok(a.elapsedMs >= DELAY_MS - 50, `failure answered after ${a.elapsedMs} ms, before connection.failed.authentication.delay.ms`);
  }
  assert.equal(answers[0]?.errorMessage, answers[1]?.errorMessage, 'the same message for a wrong password and an unknown user');
});
