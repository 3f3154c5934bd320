import { describe, expect, it } from 'vitest'
import { post, posthogItem, trackMessage, useSink } from './test-utils.js'

describe('recording, stats and reset', () => {
  const sink = useSink({ maxRecorded: 5, maxRequests: 3 }, { reset: true })

  it('counts duplicates by id per vendor, and still records them', async () => {
    const message = trackMessage({ messageId: 'same' })
    await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [message, message] }, { key: 'k' })
    await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [message] }, { key: 'k' })
    await post(`${sink.urlFor('customerio')}/v1/batch`, { batch: [message] }, { key: 'k' })
    const stats = sink.stats()
    expect(stats.byVendor.segment).toMatchObject({ accepted: 3, uniqueIds: 1, duplicates: 2 })
    expect(stats.byVendor.customerio).toMatchObject({ accepted: 1, uniqueIds: 1, duplicates: 0 })
    expect(stats.total).toMatchObject({ accepted: 4, uniqueIds: 2, duplicates: 2 })
  })

  it('keeps per-vendor and total stats', async () => {
    await post(
      `${sink.urlFor('rudderstack')}/v1/batch`,
      { batch: [trackMessage(), trackMessage({ type: 'identify' })] },
      { key: 'k', gzip: true },
    )
    await post(`${sink.urlFor('rudderstack')}/v1/batch`, { batch: [{}] }, { key: 'k' })
    await post(`${sink.url}/batch/`, { api_key: 'k', batch: [posthogItem({ event: '$pageview' })] })
    const stats = sink.stats()
    const rudder = stats.byVendor.rudderstack
    expect(rudder).toMatchObject({ requests: 2, accepted: 2, rejectedRequests: 1, gzipRequests: 1, statuses: { '200': 1, '400': 1 } })
    expect(rudder?.byType).toEqual({ track: 1, identify: 1 })
    expect(rudder?.bytes).toBe(sink.requests({ vendor: 'rudderstack' }).reduce((sum, r) => sum + r.bytes, 0))
    expect(stats.byVendor.posthog?.byType).toEqual({ page: 1 })
    expect(stats.byVendor.hightouch).toBeUndefined()
    expect(stats.total).toMatchObject({ requests: 3, accepted: 3, rejectedRequests: 1, byType: { track: 1, identify: 1, page: 1 } })
  })

  it('evicts the oldest messages and requests beyond the caps but keeps counting', async () => {
    for (let i = 0; i < 4; i++) {
      await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage(), trackMessage()] }, { key: 'k' })
    }
    const messages = sink.messages()
    expect(messages.map((m) => m.seq)).toEqual([4, 5, 6, 7, 8])
    expect(sink.requests().map((r) => r.id)).toEqual([2, 3, 4])
    expect(sink.stats().total).toMatchObject({ accepted: 8, uniqueIds: 8 })
  })

  it('filters messages by vendor, type and userId', async () => {
    await post(
      `${sink.urlFor('segment')}/v1/batch`,
      { batch: [trackMessage({ userId: 'a' }), trackMessage({ userId: 'b', type: 'identify' })] },
      { key: 'k' },
    )
    await post(`${sink.url}/batch/`, { api_key: 'k', batch: [posthogItem({ distinct_id: 'a' })] })
    expect(sink.messages({ userId: 'a' }).map((m) => m.vendor)).toEqual(['segment', 'posthog'])
    expect(sink.messages({ type: 'identify' }).map((m) => m.userId)).toEqual(['b'])
    expect(sink.messages({ vendor: 'posthog', userId: 'b' })).toEqual([])
  })

  it('reset clears records and counters', async () => {
    await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage({ messageId: 'x' })] }, { key: 'k' })
    sink.reset()
    expect(sink.messages()).toEqual([])
    expect(sink.requests()).toEqual([])
    expect(sink.stats().total.requests).toBe(0)
    await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage({ messageId: 'x' })] }, { key: 'k' })
    expect(sink.stats().total).toMatchObject({ duplicates: 0, uniqueIds: 1 })
    expect(sink.messages()[0]?.seq).toBe(1)
  })
})
