/**
 * The message block layout SHA-1 and SHA-256 share (Merkle–Damgård, 64-byte blocks): the UTF-8
 * bytes of the text, a 0x80 byte, zeros, and the message length in bits as a 64-bit big-endian
 * integer, written into one reusable buffer (hashing allocates nothing but the result).
 */

const encoder = new TextEncoder()
let scratch = new Uint8Array(1024)

/**
 * Pads the UTF-8 bytes of `text` (lone surrogates as U+FFFD, as `node:crypto` hashes a string) for
 * hashing. Returns the shared buffer and the padded length, a multiple of 64. The buffer is
 * overwritten by the next call. Not re-entrant (JavaScript hashing never is interrupted).
 */
export function padMessage(text: string): { bytes: Uint8Array; length: number } {
  const most = text.length * 3 + 72
  if (scratch.length < most) scratch = new Uint8Array(most * 2)
  const bytes = scratch
  const { written } = encoder.encodeInto(text, bytes)
  const length = (((written + 8) >>> 6) << 6) + 64
  bytes[written] = 0x80
  bytes.fill(0, written + 1, length - 8)
  // Bit length: JavaScript strings stay far below 2^53 bits; the high word is written in two parts.
  const bits = written * 8
  const high = Math.floor(bits / 0x100000000)
  writeUint32(bytes, length - 8, high)
  writeUint32(bytes, length - 4, bits >>> 0)
  return { bytes, length }
}

/** Reads the 64-byte block at `offset` of `bytes` into `words[0..15]` as big-endian 32-bit words. */
export function readBlockWords(bytes: Uint8Array, offset: number, words: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const at = offset + i * 4
    words[i] =
      ((bytes[at] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number)
  }
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24
  bytes[at + 1] = (value >>> 16) & 0xff
  bytes[at + 2] = (value >>> 8) & 0xff
  bytes[at + 3] = value & 0xff
}
