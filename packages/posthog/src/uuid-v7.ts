import { sha256Hex } from '@polytrack/core/adapter'

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
  // 6 bytes of time, then the first 10 bytes of SHA-256(seed), with version 7 and variant 10 set.
  const hash = sha256Hex(seed)
  const variant = (0x8 | (Number.parseInt(hash[4] as string, 16) & 0x3)).toString(16)
  const hex = `${ms.toString(16).padStart(12, '0')}7${hash.slice(1, 4)}${variant}${hash.slice(5, 20)}`
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
