import { RandomPool } from './random-pool.js'

const pool = new RandomPool()
/** The hex digit that carries RFC 9562's variant bits (`10`) and two random bits. */
const VARIANT = ['8', '9', 'a', 'b'] as const

let lastMs = Number.NaN
let prefix = ''

/**
 * A new `messageId`: a UUID version 7 (RFC 9562) — the call's Unix time in milliseconds in the
 * first 48 bits, then 74 cryptographically random bits. Unique like a v4, sortable by time to the
 * millisecond, and usable as-is by vendors that want a v7 event id (PostHog), so no adapter has to
 * derive one. The random bits come from a {@link RandomPool} refilled in the background, so no call
 * waits on the kernel. Impure (clock and randomness).
 */
export function newMessageId(nowMs: number = Date.now()): string {
  if (nowMs !== lastMs) {
    lastMs = nowMs
    const hex = Math.trunc(nowMs).toString(16).padStart(12, '0')
    prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7`
  }
  // 20 random hex digits: 3 for rand_a, 1 for the variant digit (2 random bits), 3 + 12 for rand_b.
  const r = pool.hex(10)
  return `${prefix}${r.slice(0, 3)}-${VARIANT[Number.parseInt(r[3] as string, 16) & 3]}${r.slice(4, 7)}-${r.slice(7, 19)}`
}
