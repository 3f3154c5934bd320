import { wordHex } from '../platform/hex.js'
import { padMessage, readBlockWords } from './padded-message.js'

const W = new Int32Array(80)
/** The round constants of rounds 0–19, 20–39, 40–59 and 60–79. */
const K = new Int32Array([0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6])

/** SHA-1's f of round `i`: choose, parity, majority, parity. Pure. */
function roundFunction(i: number, b: number, c: number, d: number): number {
  if (i < 20) return (b & c) | (~b & d)
  if (i >= 40 && i < 60) return (b & c) | (b & d) | (c & d)
  return b ^ c ^ d
}

/**
 * SHA-1 of the UTF-8 bytes of `text` as 40 lowercase hex digits, in plain JavaScript (FIPS 180-4),
 * for runtimes without `node:crypto` (edge runtimes, workerd without `nodejs_compat`). Flags
 * bucketing needs it synchronously, which Web Crypto's `subtle.digest` is not. The same answers as
 * `createHash('sha1')` (tested on many inputs). Pure.
 */
export function pureSha1Hex(text: string): string {
  const { bytes, length } = padMessage(text)
  let h0 = 0x67452301
  let h1 = 0xefcdab89 | 0
  let h2 = 0x98badcfe | 0
  let h3 = 0x10325476
  let h4 = 0xc3d2e1f0 | 0
  for (let offset = 0; offset < length; offset += 64) {
    readBlockWords(bytes, offset, W)
    for (let i = 16; i < 80; i++) {
      const x = (W[i - 3] as number) ^ (W[i - 8] as number) ^ (W[i - 14] as number) ^ (W[i - 16] as number)
      W[i] = (x << 1) | (x >>> 31)
    }
    let a = h0
    let b = h1
    let c = h2
    let d = h3
    let e = h4
    for (let i = 0; i < 80; i++) {
      const t = (((a << 5) | (a >>> 27)) + roundFunction(i, b, c, d) + e + (K[(i / 20) | 0] as number) + (W[i] as number)) | 0
      e = d
      d = c
      c = (b << 30) | (b >>> 2)
      b = a
      a = t
    }
    h0 = (h0 + a) | 0
    h1 = (h1 + b) | 0
    h2 = (h2 + c) | 0
    h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0
  }
  return wordHex(h0) + wordHex(h1) + wordHex(h2) + wordHex(h3) + wordHex(h4)
}
