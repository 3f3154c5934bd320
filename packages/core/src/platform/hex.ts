const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** `bytes[start..end)` as lowercase hex. Pure. */
export function hexOf(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = ''
  for (let i = start; i < end; i++) out += HEX[bytes[i] as number]
  return out
}

/** A 32-bit word as 8 lowercase hex digits (big-endian). Pure. */
export function wordHex(word: number): string {
  return (
    (HEX[word >>> 24] as string) +
    (HEX[(word >>> 16) & 0xff] as string) +
    (HEX[(word >>> 8) & 0xff] as string) +
    (HEX[word & 0xff] as string)
  )
}
