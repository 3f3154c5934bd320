import { optionNames, segmentFamilyHints } from '@polytrack/core/adapter'

/** Options of {@link segment}. */
export interface SegmentOptions {
  /** The source's write key (Basic auth user name, and `writeKey` in the body as Segment's SDK sends it). Required. */
  writeKey: string
  /**
   * API host. Default `https://api.segment.io`; EU workspaces use `https://events.eu1.segmentapis.com`
   * (or `region: 'eu'`).
   */
  host?: string
  /** Segment region used when `host` is not set. Default `'us'`. */
  region?: 'us' | 'eu'
  /** Allow a plain `http://` host that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean
}

/** Segment's API hosts by region. */
export const SEGMENT_HOSTS = {
  us: 'https://api.segment.io',
  eu: 'https://events.eu1.segmentapis.com',
} as const

/**
 * Segment's limits. Its docs: 32 KB per message, 500 KB per batch request (a 400 over either), 2,500
 * messages per batch. "KB" is read as 1,000 bytes, the smaller reading, as Segment's Go SDK
 * (analytics-go: 32,000 and 500,000) does; its Node SDK stops even earlier (480 KiB), and 500 KiB
 * (512,000) could be refused.
 */
export const SEGMENT_LIMITS = {
  messageBytes: 32_000,
  batchBytes: 500_000,
  batchMessages: 2_500,
  envelopeBytes: 128,
  itemOverheadBytes: 0,
} as const

/** @segment/analytics-node 3.1's defaults: flush at 15 messages or every 10 s, 10 retries. */
export const SEGMENT_DEFAULTS = { flushAt: 15, flushIntervalMs: 10_000, maxRetries: 10 } as const

/** Every option {@link segment} takes (others are refused). */
export const SEGMENT_OPTIONS = optionNames<SegmentOptions>({
  writeKey: 'option',
  host: 'option',
  region: 'option',
  allowInsecureHttp: 'option',
})

/** analytics-go's and @segment/analytics-node's names for segment()'s options, over the hints every adapter shares. */
export const SEGMENT_HINTS = segmentFamilyHints('host', "did you mean `host`, or `region: 'eu'`?")
