// Small codec packages without typings.
declare module 'lz4js' {
  export function compress(input: Uint8Array): Uint8Array;
  export function decompress(input: Uint8Array): Uint8Array;
  const lz4: { compress: typeof compress; decompress: typeof decompress };
  export default lz4;
}
declare module 'kafkajs-snappy';
declare module 'lz4js/xxh32.js' {
  export function hash(seed: number, src: Uint8Array, index: number, length: number): number;
}
