/** Shared immutable defaults for generated codecs. */
export const EMPTY_BYTES: Buffer = Buffer.alloc(0);
export const ZERO_UUID: Buffer = Buffer.alloc(16);
