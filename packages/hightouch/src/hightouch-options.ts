import { optionNames, segmentFamilyHints } from '@polytrack/core/adapter'

/** Options of {@link hightouch}. */
export interface HightouchOptions {
  /** The Hightouch Events source's write key (Basic auth user name). Required. */
  writeKey: string
  /**
   * API host. Default `https://us-east-1.hightouch-events.com`. Hightouch documents no other region
   * by name; set the host your workspace shows (e.g. another `<region>.hightouch-events.com`).
   */
  host?: string
  /** Allow a plain `http://` host that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean
}

/** Hightouch's default ingestion host (the one its Node SDK uses). */
export const HIGHTOUCH_HOST = 'https://us-east-1.hightouch-events.com'

/**
 * Hightouch's limits: 32 KB per message and 500 KB per batch request, as for the Segment API it
 * follows, in bytes as its Go SDK counts them (events-sdk-go: 32,000 and 500,000; the smaller
 * reading of "KB"). No per-batch message count is documented; 1,000 keeps requests modest.
 */
export const HIGHTOUCH_LIMITS = {
  messageBytes: 32_000,
  batchBytes: 500_000,
  batchMessages: 1_000,
  envelopeBytes: 128,
  itemOverheadBytes: 0,
} as const

/** Hightouch's Node SDK defaults: 15 messages per batch, every 10 s, 3 retries. */
export const HIGHTOUCH_DEFAULTS = { flushAt: 15, flushIntervalMs: 10_000, maxRetries: 3 } as const

/** Every option {@link hightouch} takes (others are refused). */
export const HIGHTOUCH_OPTIONS = optionNames<HightouchOptions>({ writeKey: 'option', host: 'option', allowInsecureHttp: 'option' })

/** events-sdk-go's and the Node SDK's names for hightouch()'s options, over the hints every adapter shares. */
export const HIGHTOUCH_HINTS = segmentFamilyHints('host', 'did you mean `host` (e.g. `https://us-east-1.hightouch-events.com`)?', {
  region: 'set the `host` your workspace shows (e.g. `https://us-east-1.hightouch-events.com`)',
})
