import { describe, expect, it } from 'vitest'
import { Analytics } from '../src/analytics.js'
import type { Destination } from '../src/destination.js'
import { ConfigError, ValidationError } from '../src/errors.js'
import type { AnalyticsEvents } from '../src/events/event-types.js'
import { memorySpool } from './helpers/memory-spool.js'
import { testDestination } from './helpers/test-destination.js'
import { testSink } from './helpers/test-sink.js'

const clients: Analytics[] = []
const sink = testSink(clients)

/** The test destination, counting how many times it encoded a message. */
function counting(limits?: { messageBytes: number }): { destination: Destination; encoded: () => number } {
  const base = testDestination(sink.urlFor('segment'), limits ? { limits } : {})
  let encoded = 0
  return {
    destination: { ...base, encode: (message, context) => (encoded++, base.encode(message, context)) },
    encoded: () => encoded,
  }
}

function client(destination: Destination, options: Partial<ConstructorParameters<typeof Analytics>[0]> = {}): Analytics {
  const analytics = new Analytics({ destination, flushIntervalMs: 50, ...options })
  clients.push(analytics)
  return analytics
}

const payloads = () => sink.messages({ vendor: 'segment' }).map((m) => m.payload as { event: string; properties: Record<string, unknown> })

describe('deferEncoding', () => {
  it('is off by default: the call serializes a snapshot, later mutation does not change what is sent', async () => {
    const { destination, encoded } = counting()
    const analytics = client(destination)
    const properties = { step: 1 }
    analytics.track({ userId: 'u', event: 'A', properties })
    expect(encoded()).toBe(1)
    properties.step = 2
    await analytics.flush()
    expect(payloads().map((p) => p.properties.step)).toEqual([1])
  })

  it('on: the call only validates; encoding runs once the caller yields, in call order, and everything is delivered', async () => {
    const { destination, encoded } = counting()
    const analytics = client(destination, { deferEncoding: true })
    for (let i = 0; i < 50; i++) analytics.track({ userId: 'u', event: `E${i}` })
    expect(encoded()).toBe(0)
    // Bad input still throws in the call.
    expect(() => analytics.track({ userId: 'u', event: '' })).toThrow(ValidationError)
    await Promise.resolve()
    expect(encoded()).toBe(50)
    const report = await analytics.close()
    expect(report).toMatchObject({ delivered: 50, failed: 0, dropped: 0, pending: 0 })
    expect(payloads().map((p) => p.event)).toEqual(Array.from({ length: 50 }, (_, i) => `E${i}`))
  })

  it('on: close(), flush() and report() right after a call process it first', async () => {
    const first = counting()
    const closing = client(first.destination, { deferEncoding: true })
    closing.track({ userId: 'u', event: 'closed-at-once' })
    expect(await closing.close()).toMatchObject({ delivered: 1, dropped: 0 })

    const second = counting()
    const flushing = client(second.destination, { deferEncoding: true })
    flushing.track({ userId: 'u', event: 'flushed-at-once' })
    expect(flushing.report().pending).toBe(1)
    await flushing.flush()
    expect(flushing.report()).toMatchObject({ delivered: 1, pending: 0 })
    expect(
      payloads()
        .map((p) => p.event)
        .sort(),
    ).toEqual(['closed-at-once', 'flushed-at-once'])
  })

  it('on: serializes what the objects hold when the caller yields (the documented trade-off)', async () => {
    const { destination } = counting()
    const analytics = client(destination, { deferEncoding: true })
    const properties = { step: 1 }
    analytics.track({ userId: 'u', event: 'A', properties })
    properties.step = 2
    await analytics.flush()
    expect(payloads().map((p) => p.properties.step)).toEqual([2])
  })

  it('on: an oversized message is reported and counted, not thrown, and the others are delivered', async () => {
    const { destination } = counting({ messageBytes: 600 })
    const analytics = client(destination, { deferEncoding: true })
    const errors: AnalyticsEvents['error'][] = []
    const dropped: AnalyticsEvents['dropped'][] = []
    analytics.on('error', (e) => errors.push(e))
    analytics.on('dropped', (d) => dropped.push(d))
    analytics.track({ userId: 'u', event: 'small' })
    expect(() => analytics.track({ userId: 'u', event: 'big', messageId: 'big-1', properties: { blob: 'x'.repeat(1_000) } })).not.toThrow()
    analytics.track({ userId: 'u', event: 'small-again' })
    const report = await analytics.close()
    expect(report).toMatchObject({ delivered: 2, dropped: 1 })
    expect(errors).toHaveLength(1)
    expect(errors[0]?.error).toBeInstanceOf(ValidationError)
    expect(errors[0]?.error.message).toMatch(/over its limit of 600 bytes/)
    expect(errors[0]?.messageIds).toEqual(['big-1'])
    expect(dropped).toEqual([expect.objectContaining({ reason: 'too-large', messageIds: ['big-1'] })])
    expect(payloads().map((p) => p.event)).toEqual(['small', 'small-again'])
  })

  it('on, several destinations: each gets the message; a message every destination refuses is reported for each', async () => {
    const set = {
      kind: 'set' as const,
      members: [
        { name: 'a', destination: testDestination(sink.urlFor('segment'), { name: 'a', limits: { messageBytes: 600 } }), middleware: [] },
        { name: 'b', destination: testDestination(sink.urlFor('segment'), { name: 'b', limits: { messageBytes: 600 } }), middleware: [] },
      ],
    }
    const analytics = client(set as never, { deferEncoding: true })
    const errors: AnalyticsEvents['error'][] = []
    analytics.on('error', (e) => errors.push(e))
    analytics.track({ userId: 'u', event: 'both' })
    expect(() => analytics.track({ userId: 'u', event: 'big', properties: { blob: 'x'.repeat(1_000) } })).not.toThrow()
    const report = await analytics.close()
    expect(report.byDestination.a).toMatchObject({ delivered: 1, dropped: 1 })
    expect(report.byDestination.b).toMatchObject({ delivered: 1, dropped: 1 })
    expect(errors.map((e) => e.destination).sort()).toEqual(['a', 'b'])
    expect(payloads().map((p) => p.event)).toEqual(['both', 'both'])
  })

  it('on: a synchronous burst past maxQueueSize is processed in the call, so memory stays bounded', async () => {
    const { destination, encoded } = counting()
    const analytics = client(destination, { deferEncoding: true, maxQueueSize: 100 })
    analytics.on('dropped', () => undefined)
    for (let i = 0; i < 99; i++) analytics.track({ userId: 'u', event: 'E' })
    expect(encoded()).toBe(0)
    analytics.track({ userId: 'u', event: 'E' })
    expect(encoded()).toBe(100)
    for (let i = 0; i < 150; i++) analytics.track({ userId: 'u', event: 'E' })
    expect(encoded()).toBe(200)
    const report = await analytics.close()
    // Every call is accounted for: delivered, or dropped because the queue was full.
    expect(report.delivered + report.dropped).toBe(250)
    expect(report.dropped).toBeGreaterThan(0)
    expect(report.pending).toBe(0)
  })

  it('on: a listener that throws (even a value that cannot be printed) escapes nowhere, and later calls still go', async () => {
    const { destination } = counting({ messageBytes: 600 })
    const analytics = client(destination, { deferEncoding: true })
    const escaped: unknown[] = []
    const onEscape = (reason: unknown): void => void escaped.push(reason)
    process.on('uncaughtException', onEscape)
    const warnings: string[] = []
    const onWarning = (w: Error): void => void warnings.push(w.message)
    process.on('warning', onWarning)
    try {
      analytics.on('error', () => {
        throw Object.create(null)
      })
      analytics.track({ userId: 'u', event: 'big', properties: { blob: 'x'.repeat(1_000) } })
      analytics.track({ userId: 'u', event: 'after' })
      const report = await analytics.close()
      expect(report).toMatchObject({ delivered: 1, dropped: 1, pending: 0 })
      expect(payloads().map((p) => p.event)).toEqual(['after'])
      await new Promise((resolve) => setImmediate(resolve))
      expect(escaped).toEqual([])
      expect(warnings.some((w) => w.includes('a value that cannot be printed'))).toBe(true)
    } finally {
      process.off('uncaughtException', onEscape)
      process.off('warning', onWarning)
    }
  })

  it('on: report() or flush() from a listener during the drain keeps call order on the wire', async () => {
    const { destination } = counting({ messageBytes: 600 })
    const analytics = client(destination, { deferEncoding: true })
    let once = false
    analytics.on('error', () => {
      if (once) return
      once = true
      analytics.track({ userId: 'u', event: 'X' })
      analytics.report()
      void analytics.flush()
    })
    analytics.track({ userId: 'u', event: 'A', properties: { blob: 'x'.repeat(1_000) } })
    analytics.track({ userId: 'u', event: 'B' })
    analytics.track({ userId: 'u', event: 'C' })
    await analytics.close()
    expect(payloads().map((p) => p.event)).toEqual(['B', 'C', 'X'])
  })

  it('is ignored with a spool: the message is encoded and durable before the call returns', async () => {
    const { spool, lane } = memorySpool()
    const { destination, encoded } = counting()
    const analytics = client(destination, { deferEncoding: true, spool })
    analytics.track({ userId: 'u', event: 'E', messageId: 'spooled-1' })
    expect(encoded()).toBe(1)
    expect(lane('segment')?.log.map((e) => e.id)).toEqual(['spooled-1'])
  })

  it('must be a boolean', () => {
    expect(() => new Analytics({ destination: counting().destination, deferEncoding: 'yes' as never })).toThrow(ConfigError)
  })
})
