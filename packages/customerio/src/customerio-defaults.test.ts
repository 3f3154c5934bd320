// Customer.io's documented batching: a batch every 20 messages or every 5 s.
import { Analytics } from '@polytrack/core'
import { resolveSettings } from '@polytrack/core/adapter'
import { startSink } from '@polytrack/sink'
import { describe, expect, it } from 'vitest'
import { customerio } from './customerio.js'

describe('customerio() batching defaults', () => {
  it('flushes at 20 messages or every 5,000 ms', () => {
    expect(resolveSettings({}, customerio({ writeKey: 'wk' }))).toMatchObject({ flushAt: 20, flushIntervalMs: 5_000, maxRetries: 3 })
  })

  it('sends the 20th message in a batch of 20, without waiting for the interval', async () => {
    const sink = await startSink({ port: 0, keys: { customerio: ['wk'] } })
    const analytics = new Analytics({ destination: customerio({ writeKey: 'wk', host: sink.urlFor('customerio') }) })
    try {
      for (let i = 0; i < 20; i++) analytics.track({ userId: 'u1', event: `E${i}` })
      for (const deadline = Date.now() + 10_000; sink.requests({ vendor: 'customerio' }).length === 0 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(sink.requests({ vendor: 'customerio' }).map((r) => r.messageCount)).toEqual([20])
    } finally {
      await analytics.close({ timeoutMs: 5_000 })
      await sink.close()
    }
  })
})
