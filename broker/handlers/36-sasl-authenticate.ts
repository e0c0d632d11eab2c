/**
 * SaslAuthenticate (key 36), v0-2: carries one SASL token each way. A failed login answers
 * SASL_AUTHENTICATION_FAILED and then closes the connection, as Kafka does.
 */
import { defineHandler } from './handler.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import { decodeSaslAuthenticateRequest } from '../protocol/messages/sasl-authenticate-request.ts';
import { defaultSaslAuthenticateResponse, encodeSaslAuthenticateResponse } from '../protocol/messages/sasl-authenticate-response.ts';
import { SaslAuthenticationError } from '../sasl/mechanism.ts';

export default defineHandler({
  apiKey: 36,
  minVersion: 0,
  maxVersion: 2,
  decode: decodeSaslAuthenticateRequest,
  encode: encodeSaslAuthenticateResponse,
  enabled: (broker) => broker.sasl !== null,
  handle(req, { broker, request }) {
    const session = request.session;
    if (session.exchange === null || session.rawTokens) {
      session.closeAfterReply = true;
      return { ...defaultSaslAuthenticateResponse(), errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: 'SaslAuthenticate without a SaslHandshake v1' };
    }
    try {
      const { response, done, principal } = session.exchange.step(req.authBytes);
      if (done) {
        session.authenticated = true;
        session.principal = principal ?? null;
        session.exchange = null;
      }
      return { ...defaultSaslAuthenticateResponse(), authBytes: response };
    } catch (err) {
      if (!(err instanceof SaslAuthenticationError)) throw err;
      broker.log(`SASL login from ${request.clientHost} failed: ${err.message}`);
      session.closeAfterReply = true;
      session.loginFailed = true;
      return { ...defaultSaslAuthenticateResponse(), errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: err.message };
    }
  },
});
