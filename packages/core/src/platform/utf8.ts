const encoder = new TextEncoder()

type ByteLength = (text: string, encoding: 'utf8') => number
const bufferByteLength = (globalThis as { Buffer?: { byteLength?: ByteLength } }).Buffer?.byteLength

/**
 * The length of `text` in UTF-8 bytes (a lone surrogate counts as U+FFFD, 3 bytes, as
 * `TextEncoder` and `Buffer` write it), without encoding it. Pure.
 */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) {
      bytes += 1
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2 // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++
    } else {
      bytes += 2
    }
  }
  return bytes
}

/**
 * UTF-8 bytes of `text`: `Buffer.byteLength` where the runtime has it (native, the hot path of every
 * call), else a count in JavaScript (`utf8Length`). Pure.
 */
export const byteLength: (text: string) => number =
  typeof bufferByteLength === 'function' ? (text) => bufferByteLength(text, 'utf8') : utf8Length

/** `text` as UTF-8 bytes (lone surrogates as U+FFFD). Pure. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text)
}
