/**
 * SASL SCRAM-SHA-256/512 server (RFC 5802 / RFC 7677), as Kafka speaks it: client-first,
 * server-first (nonce, salt, iterations), client-final with proof, server-final with signature.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SaslAuthenticationError, type SaslExchange } from './mechanism.ts';
import type { SaslUsers, ScramAlgorithm } from './users.ts';

const hmac = (alg: ScramAlgorithm, key: Buffer, data: string): Buffer => createHmac(alg, key).update(data).digest();
const hash = (alg: ScramAlgorithm, data: Buffer): Buffer => createHash(alg).update(data).digest();

function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const at = part.indexOf('=');
    if (at === 1) out.set(part[0] as string, part.slice(2));
  }
  return out;
}

/** RFC 5802 saslname decoding: "=2C" is ',' and "=3D" is '='. */
const decodeName = (name: string): string => name.replace(/=2C/g, ',').replace(/=3D/g, '=');

export function scramExchange(users: SaslUsers, algorithm: ScramAlgorithm): SaslExchange {
  let stage: 'first' | 'final' | 'done' = 'first';
  let user = '';
  let nonce = '';
  let clientNonce = '';
  let clientFirstBare = '';
  let serverFirst = '';
  const fail = (why: string): never => {
    stage = 'done';
    throw new SaslAuthenticationError(
      `Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-${algorithm.toUpperCase().replace('SHA', 'SHA-')}: ${why}`,
    );
  };
  return {
    step(token) {
      const message = token.toString('utf8');
      if (stage === 'first') {
        // gs2 header "n,," (no channel binding), then the bare message "n=user,r=nonce".
        const gs2 = /^([ny]),(a=[^,]*)?,/.exec(message);
        if (!gs2) fail('invalid client-first message');
        clientFirstBare = message.slice((gs2 as RegExpExecArray)[0].length);
        const attrs = attributes(clientFirstBare);
        user = decodeName(attrs.get('n') ?? '');
        clientNonce = attrs.get('r') ?? '';
        if (!user || !clientNonce) fail('invalid client-first message');
        // Unknown users get a stable decoy salt so they are indistinguishable until the proof fails.
        const { credential } = users.scramCredentialOrDecoy(user, algorithm);
        nonce = `${clientNonce}${randomBytes(18).toString('base64url')}`;
        serverFirst = `r=${nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
        stage = 'final';
        return { response: Buffer.from(serverFirst), done: false };
      }
      if (stage === 'final') {
        stage = 'done';
        const attrs = attributes(message);
        const proof = attrs.get('p');
        // librdkafka before 2.6.1 (Debian ships 2.0.2) echoes the client nonce twice; Kafka 3.x
        // accepts that too, so accept exactly that form besides the correct one.
        const echoed = attrs.get('r');
        if ((echoed !== nonce && echoed !== `${clientNonce}${nonce}`) || !proof) fail('invalid client-final message');
        // A decoy goes through the same computation and fails the same way as a wrong password.
        const { credential, known } = users.scramCredentialOrDecoy(user, algorithm);
        const withoutProof = message.slice(0, message.lastIndexOf(',p='));
        const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
        const clientKey = hmac(algorithm, credential.saltedPassword, 'Client Key');
        const storedKey = hash(algorithm, clientKey);
        const clientSignature = hmac(algorithm, storedKey, authMessage);
        const given = Buffer.from(proof as string, 'base64');
        if (given.length !== clientSignature.length) return fail('invalid proof');
        const recoveredKey = Buffer.from(given.map((b, i) => b ^ (clientSignature[i] as number)));
        if (!timingSafeEqual(hash(algorithm, recoveredKey), storedKey) || !known) return fail('invalid proof');
        const serverKey = hmac(algorithm, credential.saltedPassword, 'Server Key');
        const serverSignature = hmac(algorithm, serverKey, authMessage).toString('base64');
        return { response: Buffer.from(`v=${serverSignature}`), done: true, principal: user };
      }
      return fail('exchange already finished');
    },
  };
}
