// PostHog's limits as posthog-python keeps them, 900 KiB per event and 5 MiB per request (capture
// itself refuses 1 MiB and 20 MiB): no request through the sink is larger. gzip off, so that the
// bytes on the wire are the JSON the limit counts.
import { Analytics, ValidationError } from '@polytrack/core'
import { startSink } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'
import { posthog } from './posthog.js'

describe('posthog() byte limits', () => {
  it('never sends a batch over 5 MiB, nor an event over 900 KiB', async () => {
    const sink = await startSink({ port: 0, keys: { posthog: ['phc_limits'] } })
    const analytics = new Analytics({ destination: posthog({ apiKey: 'phc_limits', host: sink.urlFor('posthog'), gzip: false }), flushAt: 100, flushIntervalMs: 60_000 })
    try {
      // Events of about 600 KB: 9 of them (5.4 MB) would pass 5 MiB under the 100-event cap.
      for (let i = 0; i < 12; i++) analytics.track({ userId: 'u1', event: 'Large', properties: { blob: 'x'.repeat(600_000), i } })
      expect(() => analytics.track({ userId: 'u1', event: 'Too large', properties: { blob: 'x'.repeat(900 * 1024) } })).toThrow(ValidationError)
      const report = await analytics.close({ timeoutMs: 20_000 })
      expect(report.delivered).toBe(12)
      const sizes = sink.requests({ vendor: 'posthog' }).map((r) => r.bytes)
      expect(sizes.length).toBeGreaterThan(1)
      for (const size of sizes) expect(size).toBeLessThanOrEqual(5 * 1024 * 1024)
    } finally {
      await sink.close()
    }
  })
})
