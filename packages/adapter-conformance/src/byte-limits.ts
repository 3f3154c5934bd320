// The byte-limits test of an adapter's own test file: large messages through the sink, none of the
// vendor's requests over its batch limit (and, where the vendor has one, a message over its limit
// refused at the call). Each adapter calls describeByteLimits() with its vendor's numbers.
import { Analytics, ValidationError, type AnalyticsOptions, type Destination } from '@polytrack/core'
import { startSink, type VendorName } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'

export interface ByteLimitsSpec {
  vendor: VendorName
  /** The key the sink accepts and the destination sends. Default 'wk'. */
  key?: string
  /** The adapter pointed at the sink's URL for the vendor, with the key. */
  destination: (host: string, key: string) => Destination
  /** The test's title, e.g. 'never sends a batch over 500,000 bytes, nor a message over 32,000'. */
  title: string
  /** Client options beside the destination. Default `{ flushAt: 1_000, flushIntervalMs: 60_000 }`. */
  client?: Omit<AnalyticsOptions, 'destination'>
  /** How many messages are sent (default 100), and the length of the `blob` property each carries (default 20,000). */
  messages?: number
  blobBytes?: number
  /** A `blob` length that makes one message too large: that track() must throw a ValidationError. */
  tooLargeBlobBytes?: number
  /** The largest request body the vendor takes, in bytes. */
  maxRequestBytes: number
  /** The requests must be more than this many. Default 1. */
  moreRequestsThan?: number
  /** The messages' userId. Default 'u1'. */
  userId?: string
  /** The close() timeout. Default 10,000 ms. */
  closeTimeoutMs?: number
}

export function describeByteLimits(spec: ByteLimitsSpec): void {
  const {
    vendor,
    key = 'wk',
    client = { flushAt: 1_000, flushIntervalMs: 60_000 },
    messages = 100,
    blobBytes = 20_000,
    closeTimeoutMs = 10_000,
  } = spec
  describe(`${vendor}() byte limits`, () => {
    it(spec.title, async () => {
      const sink = await startSink({ port: 0, keys: { [vendor]: [key] } })
      const analytics = new Analytics({ destination: spec.destination(sink.urlFor(vendor), key), ...client })
      try {
        const userId = spec.userId ?? 'u1'
        for (let i = 0; i < messages; i++) analytics.track({ userId, event: 'Large', properties: { blob: 'x'.repeat(blobBytes), i } })
        const tooLarge = spec.tooLargeBlobBytes
        if (tooLarge !== undefined)
          expect(() => analytics.track({ userId, event: 'Too large', properties: { blob: 'x'.repeat(tooLarge) } })).toThrow(ValidationError)
        const report = await analytics.close({ timeoutMs: closeTimeoutMs })
        expect(report.delivered).toBe(messages)
        const sizes = sink.requests({ vendor }).map((r) => r.bytes)
        expect(sizes.length).toBeGreaterThan(spec.moreRequestsThan ?? 1)
        for (const size of sizes) expect(size).toBeLessThanOrEqual(spec.maxRequestBytes)
      } finally {
        await sink.close()
      }
    })
  })
}
