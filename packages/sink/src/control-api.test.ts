import { describe, expect, it } from 'vitest'
import { post, trackMessage, useSink } from './test-utils.js'
import type { RecordedMessage, RecordedRequest, SinkStats } from './types.js'

describe('control API over HTTP', () => {
  const sink = useSink({}, { reset: true })

  const getJson = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${sink.url}${path}`)
    expect(res.status).toBe(200)
    return (await res.json()) as T
  }

  const seed = async (): Promise<void> => {
    const batch = [trackMessage({ userId: 'a' }), trackMessage({ userId: 'b', type: 'identify' }), trackMessage({ userId: 'a' })]
    await post(`${sink.urlFor('segment')}/v1/batch`, { batch }, { key: 'k' })
    await post(`${sink.urlFor('hightouch')}/v1/batch`, { batch: [trackMessage({ userId: 'c' })] }, { key: 'k' })
  }

  it('GET /_sink/health', async () => {
    expect(await getJson('/_sink/health')).toEqual({ ok: true })
  })

  it('GET /_sink/messages with filters, limit and offset', async () => {
    await seed()
    type Page = { total: number; offset: number; messages: RecordedMessage[] }
    expect((await getJson<Page>('/_sink/messages')).total).toBe(4)
    const bySegment = await getJson<Page>('/_sink/messages?vendor=segment&userId=a')
    expect(bySegment.messages.map((m) => m.seq)).toEqual([1, 3])
    const identify = await getJson<Page>('/_sink/messages?type=identify')
    expect(identify.messages.map((m) => m.userId)).toEqual(['b'])
    const page = await getJson<Page>('/_sink/messages?limit=2&offset=1')
    expect(page).toMatchObject({ total: 4, offset: 1 })
    expect(page.messages.map((m) => m.seq)).toEqual([2, 3])
  })

  it('GET /_sink/requests with vendor and limit (most recent)', async () => {
    await seed()
    await seed()
    type Page = { total: number; requests: RecordedRequest[] }
    const all = await getJson<Page>('/_sink/requests')
    expect(all.total).toBe(4)
    const hightouch = await getJson<Page>('/_sink/requests?vendor=hightouch&limit=1')
    expect(hightouch).toMatchObject({ total: 2 })
    expect(hightouch.requests.map((r) => r.id)).toEqual([4])
  })

  it('GET /_sink/stats', async () => {
    await seed()
    const stats = await getJson<SinkStats>('/_sink/stats')
    expect(stats.total.accepted).toBe(4)
    expect(stats.byVendor.segment?.byType).toEqual({ track: 2, identify: 1 })
  })

  it('POST /_sink/faults queues steps; POST /_sink/reset clears everything', async () => {
    const res = await post(`${sink.url}/_sink/faults`, { vendor: 'segment', steps: [{ status: 503, retryAfter: 2 }] })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, queued: 1 })
    const faulted = await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage()] }, { key: 'k' })
    expect(faulted.status).toBe(503)
    expect(faulted.headers.get('retry-after')).toBe('2')

    await post(`${sink.url}/_sink/faults`, { vendor: '*', steps: [{ status: 500 }] })
    await seed().catch(() => undefined)
    const reset = await post(`${sink.url}/_sink/reset`, '')
    expect(await reset.json()).toEqual({ ok: true })
    expect(sink.stats().total.requests).toBe(0)
    await post(`${sink.url}/_sink/faults`, { vendor: '*', steps: [{ status: 500 }] })
    await post(`${sink.url}/_sink/reset`, '')
    expect((await post(`${sink.urlFor('segment')}/v1/batch`, { batch: [trackMessage()] }, { key: 'k' })).status).toBe(200)
  })

  it('answers 400 for bad control input', async () => {
    expect((await fetch(`${sink.url}/_sink/messages?vendor=nope`)).status).toBe(400)
    expect((await fetch(`${sink.url}/_sink/messages?limit=-1`)).status).toBe(400)
    expect((await post(`${sink.url}/_sink/faults`, { vendor: 'nope', steps: [] })).status).toBe(400)
    const badStep = await post(`${sink.url}/_sink/faults`, { vendor: 'segment', steps: [{ pass: true }, { delayMs: 'soon' }] })
    expect(badStep.status).toBe(400)
    expect(JSON.stringify(await badStep.json())).toContain('steps[1]')
    expect((await post(`${sink.url}/_sink/faults`, '{oops')).status).toBe(400)
  })

  it('answers 405 for wrong methods and 404 for unknown control routes', async () => {
    expect((await post(`${sink.url}/_sink/stats`, {})).status).toBe(405)
    expect((await fetch(`${sink.url}/_sink/reset`)).status).toBe(405)
    expect((await fetch(`${sink.url}/_sink/nothing`)).status).toBe(404)
  })
})
