/**
 * SaslHandshake (key 17), v0-1, offered only when a SASL listener is configured. Chooses the
 * mechanism; v0 clients then send bare SASL tokens, v1 clients send SaslAuthenticate requests.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeSaslHandshakeRequest } from '../protocol/messages/sasl-handshake-request.ts';
import { encodeSaslHandshakeResponse } from '../protocol/messages/sasl-handshake-response.ts';
import { isMechanism } from '../sasl/mechanism.ts';
import { startExchange } from '../sasl/index.ts';
import { usesSasl } from '../listeners.ts';

export default defineHandler({
  apiKey: 17,
  minVersion: 0,
  maxVersion: 1,
  decode: decodeSaslHandshakeRequest,
  encode: encodeSaslHandshakeResponse,
  enabled: (broker) => broker.sasl !== null,
  handle(req, { broker, version, request }) {
    const sasl = broker.sasl;
    const session = request.session;
    const mechanisms = sasl ? [...sasl.mechanisms] : [];
    if (sasl === null || !usesSasl(session.listener.protocol) || session.authenticated || session.exchange !== null) {
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms };
    }
    if (!isMechanism(req.mechanism) || !sasl.mechanisms.includes(req.mechanism)) {
      return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms };
    }
    session.exchange = startExchange(req.mechanism, sasl.users);
    session.rawTokens = version === 0;
    return { errorCode: ErrorCode.NONE, mechanisms };
  },
});
