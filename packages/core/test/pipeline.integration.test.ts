import { describe, expect, it } from 'vitest'
import { getEventListeners } from 'node:events'
import { Analytics } from '../src/analytics.js'
import { createHttpTransport } from '../src/delivery/http-transport.js'
import { basicAuthHeader } from '../src/wire-helpers.js'
import { ValidationError } from '../src/errors.js'
import type { AnalyticsEvents } from '../src/events/event-types.js'
import { sendOfEachType } from './helpers/send-all-types.js'
import { TEST_WRITE_KEY, testDestination } from './helpers/test-destination.js'
import { testSink } from './helpers/test-sink.js'

const clients: Analytics[] = []
const sink = testSink(clients)

function client(options: Partial<ConstructorParameters<typeof Analytics>[0]> = {}): Analytics {
  const analytics = new Analytics({
    destination: testDestination(sink.urlFor('segment')),
    flushIntervalMs: 50,
    retryBaseDelayMs: 20,
    ...options,
  })
  clients.push(analytics)
  return analytics
}

function collect<K extends keyof AnalyticsEvents>(analytics: Analytics, event: K): AnalyticsEvents[K][] {
  const seen: AnalyticsEvents[K][] = []
  analytics.on(event, (payload) => seen.push(payload))
  return seen
}

describe('delivery through the sink', () => {
  it('delivers 10,000 messages of all six types exactly once', async () => {
    const analytics = client({ flushAt: 100 })
    const ids = new Set<string>()
    for (let i = 0; i < 10_000; i++) ids.add(sendOfEachType(analytics, i))
    const report = await analytics.close()
    expect(report).toMatchObject({ delivered: 10_000, failed: 0, dropped: 0, pending: 0, timedOut: false })
    const stats = sink.stats().byVendor.segment
    expect(stats?.accepted).toBe(10_000)
    expect(stats?.duplicates).toBe(0)
    expect(stats?.uniqueIds).toBe(10_000)
    expect(stats?.byType).toEqual({ track: 1667, identify: 1667, page: 1667, screen: 1667, group: 1666, alias: 1666 })
    const received = new Set(sink.messages({ vendor: 'segment' }).map((m) => m.id))
    expect(received).toEqual(ids)
    // Batches honour flushAt.
    expect(Math.max(...sink.requests({ vendor: 'segment' }).map((r) => r.messageCount))).toBeLessThanOrEqual(100)
  })

  it('sends the normalized message: messageId, ISO timestamp, context.library, integrations, sentAt', async () => {
    const analytics = client()
    analytics.track({ userId: 7, event: 'Signed Up', properties: { plan: 'pro' }, context: { ip: '10.0.0.1' } })
    await analytics.flush()
    const [message] = sink.messages({ vendor: 'segment' })
    expect(message?.payload).toMatchObject({
      type: 'track',
      userId: '7',
      event: 'Signed Up',
      properties: { plan: 'pro' },
      integrations: {},
      context: { ip: '10.0.0.1', library: { name: '@polytrack/core', version: expect.any(String) } },
    })
    expect((message?.payload as { timestamp: string }).timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(sink.requests({ vendor: 'segment' })[0]?.body).toMatchObject({ sentAt: expect.any(String) })
  })

  it('gzips small bodies on the calling thread and large ones in the pool, both decodable', async () => {
    const analytics = new Analytics({
      destination: testDestination(sink.urlFor('segment'), { gzip: true }),
      flushIntervalMs: 50,
      flushAt: 2500,
    })
    clients.push(analytics)
    const padding = 'x'.repeat(2_000)
    // A body of ~2 KB (synchronous path), then one of ~400 KB (over the 128 K-character threshold: zlib's pool).
    analytics.track({ userId: 'small', event: 'E', properties: { padding } })
    await analytics.flush()
    for (let i = 0; i < 200; i++) analytics.track({ userId: `big-${i}`, event: 'E', properties: { padding } })
    await analytics.flush()
    const requests = sink.requests({ vendor: 'segment' })
    expect(requests.map((r) => r.gzip)).toEqual([true, true])
    expect(requests.map((r) => r.messageCount)).toEqual([1, 200])
    // Compressed on the wire: far fewer bytes than the JSON.
    expect(requests[1]?.bytes).toBeLessThan(50_000)
    expect(sink.messages({ vendor: 'segment' }).map((m) => (m.payload as { userId: string }).userId)).toEqual([
      'small',
      ...Array.from({ length: 200 }, (_, i) => `big-${i}`),
    ])
  })

  it('leaves no listener on the pipeline signal, request after request', async () => {
    const transport = createHttpTransport({ connections: 2 })
    const pipeline = new AbortController()
    const request = {
      url: `${sink.urlFor('segment')}/v1/batch`,
      headers: { 'content-type': 'application/json', authorization: basicAuthHeader(TEST_WRITE_KEY) },
      body: JSON.stringify({ batch: [{ type: 'track', userId: 'u', event: 'E', messageId: 'm' }] }),
      gzip: false,
    }
    const results = await Promise.all(
      Array.from({ length: 50 }, () => transport.send(request, { signal: pipeline.signal, timeoutMs: 60_000 })),
    )
    expect(results.every((r) => r.kind === 'success')).toBe(true)
    expect(getEventListeners(pipeline.signal, 'abort')).toHaveLength(0)
    await transport.close()
  })

  it('honours 429 with Retry-After, then delivers', async () => {
    const analytics = client()
    const retries = collect(analytics, 'retry')
    sink.inject('segment', { status: 429, retryAfter: 1 })
    analytics.track({ userId: 'u', event: 'e' })
    await analytics.flush()
    expect(retries).toHaveLength(1)
    expect(retries[0]).toMatchObject({ status: 429, attempt: 1 })
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(1000)
    const [first, second] = sink.requests({ vendor: 'segment' })
    expect(first?.status).toBe(429)
    expect(second?.status).toBe(200)
    expect(Date.parse(second!.receivedAt) - Date.parse(first!.receivedAt)).toBeGreaterThanOrEqual(950)
    expect(sink.stats().byVendor.segment?.accepted).toBe(1)
  })

  it('retries 500s and network drops, then delivers each message once', async () => {
    const analytics = client({ flushAt: 5 })
    const retries = collect(analytics, 'retry')
    sink.inject('segment', { status: 500 }, { status: 503 }, { drop: true }, { status: 502 })
    for (let i = 0; i < 5; i++) analytics.track({ userId: 'u', event: `e${i}` })
    const report = await analytics.close()
    expect(report).toMatchObject({ delivered: 5, failed: 0 })
    expect(retries.map((r) => r.status)).toEqual([500, 503, undefined, 502])
    expect(sink.stats().byVendor.segment).toMatchObject({ accepted: 5, duplicates: 0 })
  })

  it('splits a batch on 413 and sends each half', async () => {
    const analytics = client({ flushAt: 10 })
    sink.inject('segment', { status: 413 })
    for (let i = 0; i < 10; i++) analytics.track({ userId: 'u', event: `e${i}` })
    const report = await analytics.close()
    expect(report.delivered).toBe(10)
    const requests = sink.requests({ vendor: 'segment' })
    expect(requests.map((r) => [r.status, r.messageCount])).toEqual([
      [413, 10],
      [200, 5],
      [200, 5],
    ])
  })

  it('retries a request that stalls past httpTimeout', async () => {
    const analytics = client({ httpTimeoutMs: 300 })
    const retries = collect(analytics, 'retry')
    sink.inject('segment', { delayMs: 5000 })
    analytics.track({ userId: 'u', event: 'slow' })
    await analytics.flush()
    expect(retries[0]?.reason).toMatch(/timed out after 300 ms/)
    expect(sink.stats().byVendor.segment).toMatchObject({ accepted: 1, duplicates: 0 })
  })

  it('does not retry 400/401 and reports status and server text without the key', async () => {
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment'), { key: 'wk_WRONG_key' }), flushIntervalMs: 50 })
    clients.push(analytics)
    const errors = collect(analytics, 'error')
    const retries = collect(analytics, 'retry')
    analytics.track({ userId: 'u', event: 'e' })
    await analytics.flush()
    expect(retries).toHaveLength(0)
    expect(errors).toHaveLength(1)
    const error = errors[0]!.error as import('../src/errors.js').DeliveryError
    expect(error.status).toBe(401)
    expect(error.message).toMatch(/HTTP 401/)
    expect(error.serverText).toBeTruthy()
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wk_WRONG_key')
    expect(analytics.report()).toMatchObject({ failed: 1, delivered: 0 })
    sink.inject('segment', { status: 400, body: '{"error":"bad wk_test_SECRET_1234"}' })
    const good = client()
    const goodErrors = collect(good, 'error')
    good.track({ userId: 'u', event: 'e' })
    await good.flush()
    expect(goodErrors[0]?.error.message).toContain('server said: {"error":"bad ****"}')
  })

  it('gives up after maxRetries and counts the messages failed', async () => {
    const analytics = client({ maxRetries: 2 })
    const errors = collect(analytics, 'error')
    sink.inject('segment', { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 })
    analytics.track({ userId: 'u', event: 'e' })
    await analytics.flush()
    expect(sink.requests({ vendor: 'segment' })).toHaveLength(3)
    expect(errors[0]?.error.message).toMatch(/gave up after 3 attempts/)
    expect(analytics.report()).toMatchObject({ failed: 1, delivered: 0, pending: 0 })
  })
})

describe('flush and close', () => {
  it('close() waits until everything is delivered', async () => {
    const analytics = client({ flushIntervalMs: 60_000, flushAt: 1000 })
    for (let i = 0; i < 50; i++) analytics.track({ userId: 'u', event: `e${i}` })
    expect(sink.stats().total.accepted).toBe(0)
    const report = await analytics.close()
    expect(report.delivered).toBe(50)
    expect(sink.stats().total.accepted).toBe(50)
  })

  it('flush() waits for requests already in flight', async () => {
    const analytics = client({ flushAt: 2 })
    sink.inject('segment', { delayMs: 300 })
    analytics.track({ userId: 'u', event: 'a' })
    analytics.track({ userId: 'u', event: 'b' }) // reaches flushAt: request starts now
    await analytics.flush()
    expect(sink.stats().total.accepted).toBe(2)
  })

  it('close({timeout}) on a dead server returns on time with the rest pending', async () => {
    const analytics = client()
    sink.inject('segment', ...Array.from({ length: 50 }, () => ({ status: 503 })))
    for (let i = 0; i < 30; i++) analytics.track({ userId: 'u', event: `e${i}` })
    const started = Date.now()
    const report = await analytics.close({ timeoutMs: 400 })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(report).toMatchObject({ timedOut: true, delivered: 0, pending: 30 })
    expect(report.byDestination.segment?.pending).toBe(30)
  })

  it('a second close() returns the same promise; calls after close are reported, not thrown', async () => {
    const analytics = client()
    const errors = collect(analytics, 'error')
    const dropped = collect(analytics, 'dropped')
    const first = analytics.close()
    expect(analytics.close()).toBe(first)
    expect(() => analytics.track({ userId: 'u', event: 'late' })).not.toThrow()
    const report = await first
    expect(errors[0]?.error.code).toBe('closed')
    expect(dropped[0]).toMatchObject({ reason: 'closed', count: 1 })
    expect(analytics.report().dropped).toBe(1)
    expect(report.delivered).toBe(0)
  })
})

describe('bad input and limits', () => {
  it('a rejected call throws a ValidationError and affects no other message', async () => {
    const analytics = client()
    analytics.track({ userId: 'u', event: 'before' })
    expect(() => analytics.track({ userId: 'u', event: 'bad', properties: { n: 10n } as never })).toThrow(ValidationError)
    analytics.track({ userId: 'u', event: 'after' })
    await analytics.close()
    expect(sink.messages({ vendor: 'segment' }).map((m) => (m.payload as { event: string }).event)).toEqual(['before', 'after'])
  })

  it('measures the per-message limit in UTF-8 bytes', () => {
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment'), { limits: { messageBytes: 1500 } }) })
    clients.push(analytics)
    // 400 emoji are 800 UTF-16 code units but 1600 UTF-8 bytes: over 1500.
    const emoji = '🚀'.repeat(400)
    let error: ValidationError | undefined
    try {
      analytics.track({ userId: 'u', event: 'e', properties: { emoji } })
    } catch (e) {
      error = e as ValidationError
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect(error?.field).toBe('message')
    expect(error?.reason).toMatch(/over its limit of 1500 bytes/)
    // 800 ASCII characters (the same UTF-16 length) fit.
    expect(() => analytics.track({ userId: 'u', event: 'e', properties: { text: 'x'.repeat(800) } })).not.toThrow()
  })

  it('drops and counts messages past maxQueueSize, and only those', async () => {
    const analytics = client({ maxQueueSize: 10, flushAt: 10, maxInFlight: 1, flushIntervalMs: 60_000 })
    const dropped = collect(analytics, 'dropped')
    for (let i = 0; i < 25; i++) analytics.track({ userId: 'u', event: `e${i}` })
    const report = await analytics.close()
    // A synchronous burst: nothing leaves the queue before the caller yields, so 10 are held and 15 dropped.
    expect(report).toMatchObject({ delivered: 10, dropped: 15 })
    expect(dropped.reduce((n, d) => n + d.count, 0)).toBe(15)
    expect(dropped.every((d) => d.reason === 'queue-full')).toBe(true)
  })

  it('an error with no listener becomes a process warning, not a crash', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.message)
    process.on('warning', onWarning)
    try {
      const analytics = new Analytics({
        destination: testDestination(sink.urlFor('segment'), { key: 'wk_other_BAD' }),
        flushIntervalMs: 50,
      })
      clients.push(analytics)
      analytics.track({ userId: 'u', event: 'e' })
      analytics.track({ userId: 'u', event: 'e' })
      await analytics.flush()
      await new Promise((r) => setTimeout(r, 20))
      expect(warnings.filter((w) => w.includes('HTTP 401'))).toHaveLength(1)
      expect(warnings.join('\n')).not.toContain('wk_other_BAD')
    } finally {
      process.off('warning', onWarning)
    }
  })
})
