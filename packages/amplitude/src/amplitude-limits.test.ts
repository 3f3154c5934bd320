// Amplitude's HTTP V2 limit, requests "under 1 MB", read as 1,000,000 bytes: no request through the
// sink is larger (at 1 MiB, five of these events would go in one request).
import { Analytics } from '@polytrack/core'
import { startSink } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'
import { amplitude } from './amplitude.js'

describe('amplitude() byte limits', () => {
  it('never sends an HTTP V2 request over 1,000,000 bytes', async () => {
    const sink = await startSink({ port: 0, keys: { amplitude: ['amp_limits'] } })
    const analytics = new Analytics({ destination: amplitude({ apiKey: 'amp_limits', host: sink.urlFor('amplitude') }), flushAt: 2_000, flushIntervalMs: 60_000 })
    try {
      for (let i = 0; i < 12; i++) analytics.track({ userId: 'user-1', event: 'Large', properties: { blob: 'x'.repeat(199_900), i } })
      const report = await analytics.close({ timeoutMs: 20_000 })
      expect(report.delivered).toBe(12)
      const sizes = sink.requests({ vendor: 'amplitude' }).map((r) => r.bytes)
      expect(sizes.length).toBeGreaterThan(2)
      for (const size of sizes) expect(size).toBeLessThanOrEqual(1_000_000)
    } finally {
      await sink.close()
    }
  })
})
