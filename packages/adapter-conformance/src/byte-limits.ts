// The byte-limits test of an adapter's own test file: large messages through the sink, none of the
// vendor's requests over its batch limit (and, where the vendor has one, a message over its limit
// refused at the call). Each adapter calls describeByteLimits() with its vendor's numbers.
import { Analytics, ValidationError, type AnalyticsOptions, type Destination } from '@polytrack/core'
import { startSink, type VendorName } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'

export interface ByteLimitsSpec {
  vendor: VendorName
  /** The key the sink accepts and the destination sends. */
  key: string
  /** The adapter pointed at the sink's URL for the vendor. */
  destination: (host: string) => Destination
  /** The test's title, e.g. 'never sends a batch over 500,000 bytes, nor a message over 32,000'. */
  title: string
  /** Client options beside the destination (flushAt, flushIntervalMs, …). */
  client: Omit<AnalyticsOptions, 'destination'>
  /** How many messages are sent, and the length of the `blob` property each carries. */
  messages: number
  blobBytes: number
  /** A `blob` length that makes one message too large: that track() must throw a ValidationError. */
  tooLargeBlobBytes?: number
  /** The largest request body the vendor takes, in bytes. */
  maxRequestBytes: number
  /** The requests must be more than this many. Default 1. */
  moreRequestsThan?: number
  /** The messages' userId. Default 'u1'. */
  userId?: string
  /** The close() timeout. */
  closeTimeoutMs: number
}

export function describeByteLimits(spec: ByteLimitsSpec): void {
  describe(`${spec.vendor}() byte limits`, () => {
    it(spec.title, async () => {
      const sink = await startSink({ port: 0, keys: { [spec.vendor]: [spec.key] } })
      const analytics = new Analytics({ destination: spec.destination(sink.urlFor(spec.vendor)), ...spec.client })
      try {
        const userId = spec.userId ?? 'u1'
        for (let i = 0; i < spec.messages; i++) analytics.track({ userId, event: 'Large', properties: { blob: 'x'.repeat(spec.blobBytes), i } })
        const tooLarge = spec.tooLargeBlobBytes
        if (tooLarge !== undefined) expect(() => analytics.track({ userId, event: 'Too large', properties: { blob: 'x'.repeat(tooLarge) } })).toThrow(ValidationError)
        const report = await analytics.close({ timeoutMs: spec.closeTimeoutMs })
        expect(report.delivered).toBe(spec.messages)
        const sizes = sink.requests({ vendor: spec.vendor }).map((r) => r.bytes)
        expect(sizes.length).toBeGreaterThan(spec.moreRequestsThan ?? 1)
        for (const size of sizes) expect(size).toBeLessThanOrEqual(spec.maxRequestBytes)
      } finally {
        await sink.close()
      }
    })
  })
}
