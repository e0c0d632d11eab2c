/** Shared immutable defaults for generated codecs. */
export const EMPTY_BYTES: Buffer = Buffer.alloc(0);
export const ZERO_UUID: Buffer = Buffer.alloc(16);

/** Tagged fields a decoder skips: one function for all, not a closure per decoded struct. */
export const IGNORE_TAGS = (): void => {};
