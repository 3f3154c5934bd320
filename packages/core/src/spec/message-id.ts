import { randomUUID } from 'node:crypto'

let lastMs = Number.NaN
let prefix = ''

/**
 * A new `messageId`: a UUID version 7 (RFC 9562) — the call's Unix time in milliseconds in the
 * first 48 bits, then 74 random bits (from `crypto.randomUUID()`). Unique like a v4, sortable by
 * time to the millisecond, and usable as-is by vendors that want a v7 event id (PostHog), so no
 * adapter has to derive one. Impure (clock and randomness).
 */
export function newMessageId(nowMs: number = Date.now()): string {
  if (nowMs !== lastMs) {
    lastMs = nowMs
    const hex = Math.trunc(nowMs).toString(16).padStart(12, '0')
    prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7`
  }
  // randomUUID() is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep what follows the version digit
  // (its variant bits are already RFC 9562's).
  return prefix + randomUUID().slice(15)
}
