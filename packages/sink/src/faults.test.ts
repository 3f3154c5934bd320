import { describe, expect, it } from 'vitest'
import { post, trackMessage, waitFor, useSink } from './test-utils.js'

describe('fault injection', () => {
  const sink = useSink({}, { reset: true })

  const send = (vendor: 'rudderstack' | 'segment' | 'customerio' = 'rudderstack'): Promise<Response> =>
    post(`${sink.urlFor(vendor)}/v1/batch`, { batch: [trackMessage()] }, { key: 'k' })

  it('answers a scripted status with Retry-After and does not record', async () => {
    sink.inject('rudderstack', { status: 429, retryAfter: 7 }, { status: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT', body: 'busy' })
    const first = await send()
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('7')
    const second = await send()
    expect(second.status).toBe(503)
    expect(second.headers.get('retry-after')).toBe('Wed, 21 Oct 2026 07:28:00 GMT')
    expect(await second.text()).toBe('busy')
    expect((await send()).status).toBe(200)
    expect(sink.messages()).toHaveLength(1)
    const stats = sink.stats().byVendor.rudderstack
    expect(stats).toMatchObject({ requests: 3, rejectedRequests: 2, accepted: 1, statuses: { '429': 1, '503': 1, '200': 1 } })
    expect(sink.requests().map((r) => r.messageCount)).toEqual([1, 1, 1])
  })

  it('drops the connection: the client sees a socket error', async () => {
    sink.inject('rudderstack', { drop: true })
    await expect(send()).rejects.toThrow()
    expect(sink.messages()).toHaveLength(0)
    expect(sink.stats().byVendor.rudderstack?.statuses).toEqual({ drop: 1 })
    expect((await send()).status).toBe(200)
  })

  it('delays, then handles normally', async () => {
    sink.inject('rudderstack', { delayMs: 150 })
    const started = Date.now()
    const res = await send()
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(sink.messages()).toHaveLength(1)
  })

  it('delays, then applies the nested step', async () => {
    sink.inject('rudderstack', { delayMs: 50, then: { status: 500 } })
    expect((await send()).status).toBe(500)
    expect(sink.messages()).toHaveLength(0)
  })

  it('consumes steps in order, one per request, and pass handles normally', async () => {
    sink.inject('rudderstack', { status: 500 }, { pass: true }, { status: 502 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await send()).status)
    expect(statuses).toEqual([500, 200, 502, 200])
  })

  it("uses the '*' queue only when the vendor's own queue is empty", async () => {
    sink.inject('*', { status: 503 }, { status: 504 })
    sink.inject('segment', { status: 429 })
    expect((await send('segment')).status).toBe(429)
    expect((await send('segment')).status).toBe(503)
    expect((await send('customerio')).status).toBe(504)
    expect((await send('customerio')).status).toBe(200)
  })

  it('keeps vendor queues separate', async () => {
    sink.inject('segment', { status: 500 })
    expect((await send('rudderstack')).status).toBe(200)
    expect((await send('segment')).status).toBe(500)
  })

  it('does not consume steps on control routes or unknown paths', async () => {
    sink.inject('*', { status: 500 })
    await fetch(`${sink.url}/_sink/health`)
    await fetch(`${sink.url}/_sink/stats`)
    await post(`${sink.url}/nowhere`, {})
    expect((await send()).status).toBe(500)
  })

  it('cancels a delay when the client goes away', async () => {
    sink.inject('rudderstack', { delayMs: 60_000 })
    const controller = new AbortController()
    const pending = post(`${sink.urlFor('rudderstack')}/v1/batch`, { batch: [trackMessage()] }, { key: 'k', signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    await expect(pending).rejects.toThrow()
    await waitFor(() => sink.stats().byVendor.rudderstack?.statuses.aborted === 1)
    expect(sink.messages()).toHaveLength(0)
  })

  it('clears pending faults on reset', async () => {
    sink.inject('rudderstack', { status: 500 })
    sink.reset()
    expect((await send()).status).toBe(200)
  })

  it('rejects invalid steps', () => {
    expect(() => sink.inject('rudderstack', { status: 42 })).toThrow(TypeError)
    expect(() => sink.inject('rudderstack', { delayMs: -1 })).toThrow(TypeError)
    expect(() => sink.inject('rudderstack', { delayMs: 5, then: { drop: false } } as never)).toThrow(TypeError)
    expect(() => sink.inject('nope' as never, { pass: true })).toThrow(TypeError)
  })
})
