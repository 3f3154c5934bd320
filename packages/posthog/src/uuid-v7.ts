import { createHash } from 'node:crypto'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** Is `value` a UUID version 7 (RFC 9562)? */
export function isUuidV7(value: string): boolean {
  return UUID_V7.test(value)
}

/**
 * A UUID v7 (RFC 9562) derived deterministically from a message: the 48-bit time field is
 * `timestampMs` (clamped to the representable range) and the 74 "random" bits are taken from
 * SHA-256 of `seed`. The same message always yields the same id, so PostHog can deduplicate
 * re-sends of a message with the same `messageId` and timestamp. Pure.
 */
export function deterministicUuidV7(timestampMs: number, seed: string): string {
  const ms = Math.min(Math.max(Math.trunc(Number.isFinite(timestampMs) ? timestampMs : 0), 0), 2 ** 48 - 1)
  const hash = createHash('sha256').update(seed, 'utf8').digest()
  const bytes = Buffer.alloc(16)
  bytes.writeUIntBE(ms, 0, 6)
  hash.copy(bytes, 6, 0, 10)
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The `uuid` of a PostHog event: the `messageId` itself when it already is a UUID v7 (lower-cased),
 * else a v7 derived from the message timestamp and `messageId` ({@link deterministicUuidV7}). Pure.
 */
export function postHogUuid(messageId: string, timestamp: string): string {
  if (isUuidV7(messageId)) return messageId.toLowerCase()
  return deterministicUuidV7(Date.parse(timestamp), messageId)
}
