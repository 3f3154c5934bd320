// Hightouch's limits, 32 KB per message and 500 KB per batch request, read as 32,000 and 500,000
// bytes (as events-sdk-go counts them): no request through the sink is larger.
import { Analytics, ValidationError } from '@polytrack/core'
import { startSink } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'
import { hightouch } from './hightouch.js'

describe('hightouch() byte limits', () => {
  it('never sends a batch over 500,000 bytes, nor a message over 32,000', async () => {
    const sink = await startSink({ port: 0, keys: { hightouch: ['wk'] } })
    const analytics = new Analytics({ destination: hightouch({ writeKey: 'wk', host: sink.urlFor('hightouch') }), flushAt: 1_000, flushIntervalMs: 60_000 })
    try {
      // Messages of about 20 KB: 25 of them make 500 KiB (512,000), which a 500 KB server may refuse.
      for (let i = 0; i < 100; i++) analytics.track({ userId: 'u1', event: 'Large', properties: { blob: 'x'.repeat(20_000), i } })
      expect(() => analytics.track({ userId: 'u1', event: 'Too large', properties: { blob: 'x'.repeat(32_000) } })).toThrow(ValidationError)
      const report = await analytics.close({ timeoutMs: 10_000 })
      expect(report.delivered).toBe(100)
      const sizes = sink.requests({ vendor: 'hightouch' }).map((r) => r.bytes)
      expect(sizes.length).toBeGreaterThan(1)
      for (const size of sizes) expect(size).toBeLessThanOrEqual(500_000)
    } finally {
      await sink.close()
    }
  })
})
