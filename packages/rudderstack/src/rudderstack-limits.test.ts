// RudderStack's limits: 32 KiB per message and batches kept to 450 KiB as rudder-sdk-node keeps them
// (the server takes 4 MB): no request through the sink is larger. gzip off, so that the bytes on the
// wire are the JSON the limit counts.
import { Analytics, ValidationError } from '@polytrack/core'
import { startSink } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'
import { rudderstack } from './rudderstack.js'

describe('rudderstack() byte limits', () => {
  it('never sends a batch over 450 KiB, nor a message over 32 KiB', async () => {
    const sink = await startSink({ port: 0, keys: { rudderstack: ['wk'] } })
    const analytics = new Analytics({ destination: rudderstack({ writeKey: 'wk', dataPlaneUrl: sink.urlFor('rudderstack'), gzip: false }), flushAt: 1_000, flushIntervalMs: 60_000 })
    try {
      // Messages of about 20 KB: 25 of them (analytics-go's 512,000) would pass 450 KiB.
      for (let i = 0; i < 100; i++) analytics.track({ userId: 'u1', event: 'Large', properties: { blob: 'x'.repeat(20_000), i } })
      expect(() => analytics.track({ userId: 'u1', event: 'Too large', properties: { blob: 'x'.repeat(32 * 1024) } })).toThrow(ValidationError)
      const report = await analytics.close({ timeoutMs: 10_000 })
      expect(report.delivered).toBe(100)
      const sizes = sink.requests({ vendor: 'rudderstack' }).map((r) => r.bytes)
      expect(sizes.length).toBeGreaterThan(1)
      for (const size of sizes) expect(size).toBeLessThanOrEqual(450 * 1024)
    } finally {
      await sink.close()
    }
  })
})
