// Mixpanel's /import limits, 10 MB per request and under 1 MB per event, read as 10,000,000 and
// 1,000,000 bytes: no events request through the sink is larger (at 10 MiB, twenty of these events
// would go in one request).
import { Analytics, ValidationError } from '@polytrack/core'
import { startSink } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'
import { mixpanel } from './index.js'

const TOKEN = 'mp-limits-token'

describe('mixpanel() byte limits', () => {
  it('never sends an events request over 10,000,000 bytes, nor an event over 1,000,000', async () => {
    const sink = await startSink({ port: 0, keys: { mixpanel: [TOKEN] } })
    const analytics = new Analytics({
      destination: mixpanel({ token: TOKEN, host: sink.urlFor('mixpanel') }),
      flushAt: 2_000,
      flushIntervalMs: 60_000,
    })
    try {
      for (let i = 0; i < 30; i++) analytics.track({ userId: 'user-1', event: 'Large', properties: { blob: 'x'.repeat(499_800), i } })
      expect(() => analytics.track({ userId: 'user-1', event: 'Too large', properties: { blob: 'x'.repeat(1_000_000) } })).toThrow(
        ValidationError,
      )
      const report = await analytics.close({ timeoutMs: 20_000 })
      expect(report.byDestination).toMatchObject({ mixpanel: { delivered: 30 } })
      const sizes = sink.requests({ vendor: 'mixpanel' }).map((r) => r.bytes)
      expect(sizes.length).toBeGreaterThan(1)
      for (const size of sizes) expect(size).toBeLessThanOrEqual(10_000_000)
    } finally {
      await sink.close()
    }
  })
})
