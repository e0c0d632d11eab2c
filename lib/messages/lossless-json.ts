import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * JSON with 64-bit integers kept exact (lossless-json). Exports and MessagePack produce go
 * through here: JSON.parse would round 9007199254740993 to …992.
 */

/** Integers beyond 2^53 become bigint; the rest stay numbers (small ints stay compact in MessagePack). */
function numberOf(text: string): number | bigint {
  return isInteger(text) && !isSafeNumber(text) ? BigInt(text) : Number(text);
}

/** Parses JSON; integers beyond 2^53 become bigint. Throws SyntaxError like JSON.parse. */
export function parseExactJson(text: string): unknown {
  return parse(text, null, numberOf);
}

/** Parses JSON keeping every number literal as written (for re-serializing it unchanged). */
export function parseLiteralJson(text: string): unknown {
  return parse(text);
}

/** One-line JSON of a value that may hold bigint (written as a number literal). */
export function stringifyExactJson(value: unknown): string {
  const out = stringify(value);
  if (out === undefined) throw new TypeError('value cannot be written as JSON');
  return out;
}
