import { Analytics, type AnalyticsEvents, type Message } from '@polytrack/core'
import { rudderstack } from '@polytrack/rudderstack'
import { startSink, type Sink, type VendorName } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { multiplex } from '../src/multiplex.js'
import { segmentShaped } from './test-destinations.js'

let sink: Sink
const clients: Analytics[] = []
beforeAll(async () => {
  sink = await startSink()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ timeoutMs: 500 })))
  sink.reset()
})
afterAll(async () => {
  await sink.close()
})

/** Three children on three sink prefixes: a tool ("segment" prefix, answers to PostHog) and two pipelines. */
function threeVendors(options: { toolSettings?: object; hightouch?: object } = {}) {
  return multiplex([
    {
      destination: segmentShaped(sink.urlFor('segment'), 'tool', 'tool', ['PostHog']),
      ...(options.toolSettings ? { settings: options.toolSettings } : {}),
    },
    rudderstack({ writeKey: 'rs_key', dataPlaneUrl: sink.urlFor('rudderstack') }),
    { destination: segmentShaped(sink.urlFor('hightouch'), 'hightouch', 'pipeline', ['Hightouch']), ...(options.hightouch ?? {}) },
  ])
}

function client(destination: ReturnType<typeof multiplex>, options: object = {}): Analytics {
  const analytics = new Analytics({ destination, flushIntervalMs: 30, flushAt: 20, retryBaseDelayMs: 20, retryMaxDelayMs: 100, ...options })
  clients.push(analytics)
  return analytics
}

const accepted = (vendor: VendorName) => sink.stats().byVendor[vendor]?.accepted ?? 0

async function waitFor(condition: () => boolean, deadlineMs: number): Promise<boolean> {
  const until = Date.now() + deadlineMs
  while (Date.now() < until) {
    if (condition()) return true
    await new Promise((r) => setTimeout(r, 10))
  }
  return condition()
}

function sendTracks(analytics: Analytics, n: number, extra: object = {}): void {
  for (let i = 0; i < n; i++)
    analytics.track({
      userId: `u${i}`,
      event: 'Order Completed',
      messageId: `m-${i}`,
      properties: { i, email: `u${i}@example.com` },
      ...extra,
    })
}

describe('isolation', () => {
  it('one vendor answering 500s: the others receive every message promptly; it recovers and gets each exactly once', async () => {
    sink.inject('hightouch', ...Array.from({ length: 40 }, () => ({ status: 500 })))
    const analytics = client(threeVendors(), { maxRetries: 100 })
    sendTracks(analytics, 200)
    const othersDone = await waitFor(() => accepted('segment') === 200 && accepted('rudderstack') === 200, 3000)
    expect(othersDone).toBe(true)
    expect(accepted('hightouch')).toBeLessThan(200) // still failing while the others are done
    const report = await analytics.close({ timeoutMs: 20_000 })
    expect(report.byDestination).toMatchObject({
      tool: { delivered: 200, failed: 0, pending: 0 },
      rudderstack: { delivered: 200, failed: 0, pending: 0 },
      hightouch: { delivered: 200, failed: 0, pending: 0 },
    })
    expect(sink.stats().byVendor.hightouch).toMatchObject({ accepted: 200, uniqueIds: 200, duplicates: 0 })
  })

  it('one vendor stalling past the deadline: the others are not delayed; it retries and gets each exactly once', async () => {
    sink.inject('hightouch', ...Array.from({ length: 8 }, () => ({ delayMs: 30_000 })))
    const analytics = client(threeVendors(), { httpTimeoutMs: 250, maxRetries: 100 })
    const retries: AnalyticsEvents['retry'][] = []
    analytics.on('retry', (r) => retries.push(r))
    sendTracks(analytics, 100)
    expect(await waitFor(() => accepted('segment') === 100 && accepted('rudderstack') === 100, 2000)).toBe(true)
    await analytics.close({ timeoutMs: 20_000 })
    expect(retries.every((r) => r.destination === 'hightouch')).toBe(true)
    expect(retries.some((r) => /timed out/.test(r.reason))).toBe(true)
    expect(sink.stats().byVendor.hightouch).toMatchObject({ accepted: 100, duplicates: 0 })
  })

  it("one vendor's queue overflowing drops and counts only its own messages", async () => {
    sink.inject('hightouch', ...Array.from({ length: 1000 }, () => ({ delayMs: 30_000 })))
    const analytics = client(threeVendors({ hightouch: { settings: { maxQueueSize: 30, maxInFlight: 1 } } }), { httpTimeoutMs: 5000 })
    const dropped: AnalyticsEvents['dropped'][] = []
    analytics.on('dropped', (d) => dropped.push(d))
    sendTracks(analytics, 150)
    expect(await waitFor(() => accepted('segment') === 150 && accepted('rudderstack') === 150, 3000)).toBe(true)
    const report = await analytics.close({ timeoutMs: 300 })
    expect(report.byDestination.tool).toMatchObject({ delivered: 150, dropped: 0 })
    expect(report.byDestination.rudderstack).toMatchObject({ delivered: 150, dropped: 0 })
    // hightouch: the synchronous burst fills its queue of 30 (then one stalled request takes 20 of
    // them); the other 120 are dropped. The other children lost nothing.
    expect(report.byDestination.hightouch).toMatchObject({ delivered: 0, dropped: 120, pending: 30 })
    expect(dropped.every((d) => d.destination === 'hightouch' && d.reason === 'queue-full')).toBe(true)
    expect(dropped.reduce((n, d) => n + d.count, 0)).toBe(120)
  })
})

describe('routing by the integrations map', () => {
  it('All:false keeps the tool out but pipelines still get the message, map unchanged on the wire', async () => {
    const analytics = client(threeVendors())
    const integrations = { All: false, Mixpanel: true }
    analytics.track({ userId: 'u', event: 'To Mixpanel only', integrations })
    analytics.track({ userId: 'u', event: 'Everywhere' })
    analytics.track({ userId: 'u', event: 'Not to RudderStack', integrations: { '@polytrack/rudderstack': false } })
    const report = await analytics.close()
    const events = (vendor: VendorName) => sink.messages({ vendor }).map((m) => (m.payload as Message & { event: string }).event)
    expect(events('segment')).toEqual(['Everywhere', 'Not to RudderStack'])
    expect(events('rudderstack')).toEqual(['To Mixpanel only', 'Everywhere'])
    expect(events('hightouch')).toEqual(['To Mixpanel only', 'Everywhere', 'Not to RudderStack'])
    expect((sink.messages({ vendor: 'hightouch' })[0]?.payload as Message).integrations).toEqual(integrations)
    expect((sink.messages({ vendor: 'rudderstack' })[0]?.payload as Message).integrations).toEqual(integrations)
    expect(report.byDestination.tool).toMatchObject({ delivered: 2, filtered: 1 })
    expect(report.byDestination.rudderstack).toMatchObject({ delivered: 2, filtered: 1 })
  })
})

describe('middleware', () => {
  it('transforms for one destination only and drops on throw with an error naming destination and messageId', async () => {
    const stripEmail = (message: Message): Message => {
      if (message.type === 'track') delete (message.properties as Record<string, unknown>).email
      return message
    }
    const renameForTool = (message: Message): Message | null => {
      if (message.type !== 'track') return message
      if (message.event === 'skip') return null
      if (message.event === 'explode') throw new Error('boom')
      return { ...message, event: `tool:${message.event}` }
    }
    const analytics = client(
      multiplex([
        { destination: segmentShaped(sink.urlFor('segment'), 'tool', 'tool', ['PostHog']), middleware: renameForTool },
        { destination: segmentShaped(sink.urlFor('customerio'), 'customerio', 'pipeline', ['Customer.io']), middleware: [stripEmail] },
        rudderstack({ writeKey: 'rs_key', dataPlaneUrl: sink.urlFor('rudderstack') }),
      ]),
    )
    const errors: AnalyticsEvents['error'][] = []
    analytics.on('error', (e) => errors.push(e))
    analytics.track({ userId: 'u', event: 'Bought', messageId: 'm-1', properties: { email: 'a@b.c', total: 1 } })
    analytics.track({ userId: 'u', event: 'skip', messageId: 'm-2' })
    analytics.track({ userId: 'u', event: 'explode', messageId: 'm-3' })
    const report = await analytics.close()
    const payloads = (vendor: VendorName) =>
      sink.messages({ vendor }).map((m) => m.payload as Message & { event: string; properties: Record<string, unknown> })
    expect(payloads('segment').map((p) => p.event)).toEqual(['tool:Bought'])
    expect(payloads('customerio')[0]?.properties).toEqual({ total: 1 })
    expect(payloads('rudderstack')[0]?.properties).toEqual({ email: 'a@b.c', total: 1 })
    expect(payloads('rudderstack')).toHaveLength(3)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ destination: 'tool', messageIds: ['m-3'] })
    expect(errors[0]?.error.message).toMatch(/middleware of tool threw on message m-3: Error: boom/)
    expect(report.byDestination.tool).toMatchObject({ delivered: 1, filtered: 1, dropped: 1 })
  })
})

describe('limits and names', () => {
  it('a message too large for one vendor still reaches the others; too large for all throws', async () => {
    const analytics = client(
      multiplex([
        segmentShaped(sink.urlFor('segment'), 'small', 'pipeline', [], { messageBytes: 1000 }),
        rudderstack({ writeKey: 'rs_key', dataPlaneUrl: sink.urlFor('rudderstack') }),
      ]),
    )
    const errors: AnalyticsEvents['error'][] = []
    analytics.on('error', (e) => errors.push(e))
    analytics.track({ userId: 'u', event: 'big', messageId: 'big-1', properties: { text: 'x'.repeat(5000) } })
    expect(() => analytics.track({ userId: 'u', event: 'huge', properties: { text: 'x'.repeat(40_000) } })).toThrow(/over its limit/)
    const report = await analytics.close()
    expect(report.byDestination.small).toMatchObject({ delivered: 0, dropped: 1 })
    expect(report.byDestination.rudderstack).toMatchObject({ delivered: 1 })
    expect(errors[0]).toMatchObject({ destination: 'small', messageIds: ['big-1'] })
  })

  it('events carry the child name; the same adapter twice needs distinct names', () => {
    const a = rudderstack({ writeKey: 'k1', dataPlaneUrl: sink.urlFor('rudderstack') })
    const b = rudderstack({ writeKey: 'k2', dataPlaneUrl: sink.urlFor('rudderstack') })
    expect(() => multiplex([a, b])).toThrow(/used twice/)
    expect(multiplex([a, { destination: b, name: 'rudderstack-eu' }]).members.map((m) => m.name)).toEqual(['rudderstack', 'rudderstack-eu'])
    expect(() => multiplex([])).toThrow(/non-empty/)
    expect(() => multiplex([{ destination: a, middleware: 'nope' as never }])).toThrow(/middleware\[0\]/)
  })
})
