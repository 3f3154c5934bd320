import { describe, expect, it } from 'vitest'
import type { Destination } from '../src/destination.js'
import type { AnalyticsEvents } from '../src/events/event-types.js'
import { MemoryLane } from './helpers/memory-spool.js'
import { HTTP_400, HTTP_500, OK, scriptedTransport } from './helpers/scripted-transport.js'
import type { SendResult } from '../src/delivery/send-result.js'
import { DeliveryPipeline } from '../src/delivery/delivery-pipeline.js'
import { ManualClock } from '../src/delivery/manual-clock.js'
import { resolveSettings, type PipelineSettings } from '../src/delivery/settings.js'

const destination: Destination = {
  name: 'test',
  specificationVersion: 'v1',
  kind: 'tool',
  integrationNames: [],
  limits: { messageBytes: 1000, batchBytes: 100_000, batchMessages: 100 },
  secrets: ['sekret'],
  encode: (m) => JSON.stringify({ id: m.messageId }),
  buildRequest: (items) => ({ url: 'http://127.0.0.1/batch', headers: {}, body: `{"batch":[${items.join(',')}]}`, gzip: false }),
}

type Events = { [K in keyof AnalyticsEvents]: AnalyticsEvents[K][] }

function setup(options: {
  settings?: Partial<PipelineSettings>
  lane?: MemoryLane
  answer?: (n: number, ids: string[]) => SendResult | Promise<SendResult>
  destination?: Destination
}) {
  const clock = new ManualClock()
  const transport = scriptedTransport((req, n) => (options.answer ?? (() => OK))(n, req.ids))
  const events: Events = { delivered: [], retry: [], dropped: [], error: [], request: [], paused: [], resumed: [] }
  const settings = resolveSettings(
    {
      flushAt: 5,
      flushIntervalMs: 1000,
      maxQueueSize: 10,
      maxRetries: 2,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 1000,
      ...options.settings,
    },
    destination,
  )
  const lane = options.lane
  const pipeline = new DeliveryPipeline('test', options.destination ?? destination, settings, {
    transport,
    clock,
    emit: (event, payload) => (events[event] as unknown[]).push(payload),
    hasListener: () => true,
    ...(lane ? { openLane: () => lane } : {}),
  })
  const send = (from: number, to: number) => {
    for (let i = from; i < to; i++) pipeline.accept({ id: `m${i}`, json: JSON.stringify({ id: `m${i}` }), bytes: 20 })
  }
  const sentIds = () => transport.requests.flatMap((r) => r.ids)
  return { clock, transport, events, pipeline, send, sentIds, lane }
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`)

describe('DeliveryPipeline without a spool', () => {
  it('drops past maxQueueSize, counted and reported', async () => {
    const { pipeline, send, events, clock } = setup({})
    send(0, 25)
    expect(events.dropped.reduce((n, e) => n + e.count, 0)).toBe(15)
    expect(events.dropped.every((e) => e.reason === 'queue-full')).toBe(true)
    const flushed = pipeline.flush()
    await clock.advance(0)
    await flushed
    expect(pipeline.snapshot()).toMatchObject({ delivered: 10, dropped: 15, pending: 0 })
  })

  it('fails a batch once maxRetries run out', async () => {
    const { pipeline, send, events, clock } = setup({ answer: () => HTTP_500 })
    send(0, 5)
    const flushed = pipeline.flush()
    await clock.advance(10_000)
    await flushed
    expect(pipeline.snapshot()).toMatchObject({ failed: 5, pending: 0 })
    expect(events.error[0]?.error.message).toMatch(/gave up after 3 attempts/)
    expect(events.paused).toHaveLength(0)
  })

  it('waits Retry-After, not its own backoff', async () => {
    let n = 0
    const { pipeline, send, events, clock } = setup({
      answer: () => (n++ === 0 ? { kind: 'retryable', status: 429, reason: 'HTTP 429', retryAfterMs: 7000 } : OK),
    })
    send(0, 5)
    const flushed = pipeline.flush()
    await clock.advance(0)
    expect(clock.pendingSleeps).toContain(7000)
    await clock.advance(6999)
    expect(pipeline.snapshot().delivered).toBe(0)
    await clock.advance(1)
    await flushed
    expect(pipeline.snapshot().delivered).toBe(5)
    expect(events.retry[0]?.delayMs).toBe(7000)
  })

  it('waitForRoom resolves once the queue has drained to half', async () => {
    let release: (r: SendResult) => void = () => undefined
    const { pipeline, send, clock } = setup({ settings: { maxInFlight: 1, flushAt: 3 }, answer: () => new Promise((r) => (release = r)) })
    send(0, 10)
    await clock.advance(0) // one batch of 3 in flight, 7 queued
    send(10, 13)
    expect(pipeline.hasRoom()).toBe(false)
    let resolved = false
    void pipeline.waitForRoom().then(() => (resolved = true))
    release(OK) // 3 more go out: 7 queued
    await clock.advance(0)
    expect(resolved).toBe(false)
    release(OK) // 4 queued, at most half of 10
    await clock.advance(0)
    expect(resolved).toBe(true)
  })

  it('flush() after an abort resolves at once, though messages are left', async () => {
    // The vendor stalls; close({ timeout }) gave up with batches still queued behind the one in flight.
    const { pipeline, send, clock } = setup({ settings: { maxInFlight: 1 }, answer: () => new Promise(() => undefined) })
    send(0, 10)
    await clock.advance(0)
    await pipeline.abort()
    let resolved = false
    void pipeline.flush().then(() => (resolved = true))
    await clock.advance(0)
    expect(resolved).toBe(true)
    expect(pipeline.snapshot().pending).toBe(10)
  })
})

describe('DeliveryPipeline: splits and item verdicts', () => {
  it('splits a batch refused with 413 in halves until each part is taken', async () => {
    const { pipeline, send, clock, transport, events } = setup({
      settings: { maxInFlight: 1 },
      answer: (_, ids) => (ids.length > 2 ? { kind: 'too-large', status: 413 } : OK),
    })
    send(0, 8)
    const flushed = pipeline.flush()
    await clock.advance(0)
    await flushed
    expect(pipeline.snapshot()).toMatchObject({ delivered: 8, failed: 0 })
    expect(transport.requests.map((r) => r.ids.length)).toEqual([5, 3, 2, 1, 2, 3, 2, 1])
    expect(events.delivered.flatMap((e) => e.messageIds)).toEqual(ids(0, 8))
  })

  it('fails a single message refused with 413', async () => {
    const { pipeline, send, clock, events } = setup({ answer: () => ({ kind: 'too-large', status: 413 }) })
    send(0, 1)
    const flushed = pipeline.flush()
    await clock.advance(1000)
    await flushed
    expect(pipeline.snapshot()).toMatchObject({ failed: 1 })
    expect(events.error[0]?.error.message).toMatch(/single message as too large/)
  })

  it("settles a vendor's item verdicts: accepted ones delivered, refused ones failed, the rest sent again after retryAfterMs", async () => {
    const vendor: Destination = {
      ...destination,
      interpretAnswer: ({ status }) =>
        status === 400 ? { refused: [1], retry: [3], retryAfterMs: 5000, reason: 'item 1 is invalid' } : undefined,
    }
    let n = 0
    const { pipeline, send, clock, transport, events } = setup({
      destination: vendor,
      answer: () => (n++ === 0 ? { kind: 'failed', status: 400, reason: 'HTTP 400' } : OK),
    })
    send(0, 5)
    const flushed = pipeline.flush()
    await clock.advance(0)
    expect(pipeline.snapshot()).toMatchObject({ delivered: 3, failed: 1, pending: 1 })
    expect(events.error[0]).toMatchObject({ messageIds: ['m1'] })
    expect(events.error[0]?.error.message).toMatch(/item 1 is invalid/)
    expect(clock.pendingSleeps).toContain(5000)
    await clock.advance(5000)
    await flushed
    expect(transport.requests.map((r) => r.ids)).toEqual([ids(0, 5), ['m3']])
    expect(pipeline.snapshot()).toMatchObject({ delivered: 4, failed: 1, pending: 0 })
  })

  it('ignores verdicts of an adapter that throws, and indexes out of range', async () => {
    const vendor: Destination = {
      ...destination,
      interpretAnswer: ({ status }) => {
        if (status === 200) throw new Error('bug')
        return undefined
      },
    }
    const { pipeline, send, clock } = setup({ destination: vendor })
    send(0, 5)
    const flushed = pipeline.flush()
    await clock.advance(0)
    await flushed
    expect(pipeline.snapshot()).toMatchObject({ delivered: 5 })
    const odd: Destination = { ...destination, interpretAnswer: () => ({ refused: [-1, 99, 1.5], retry: [] }) }
    const second = setup({ destination: odd })
    second.send(0, 3)
    const done = second.pipeline.flush()
    await second.clock.advance(0)
    await done
    expect(second.pipeline.snapshot()).toMatchObject({ delivered: 3, failed: 0 })
  })

  it('abort during a retry wait leaves the batch pending', async () => {
    const { pipeline, send, clock } = setup({ answer: () => HTTP_500 })
    send(0, 5)
    void pipeline.flush()
    await clock.advance(0)
    expect(clock.pendingSleeps.length).toBeGreaterThan(0)
    await pipeline.abort()
    expect(pipeline.snapshot()).toMatchObject({ pending: 5, failed: 0 })
  })
})

describe('DeliveryPipeline with a spool: the spool is the queue', () => {
  it('never drops for a full window: the rest waits in the spool and is read back in order', async () => {
    const lane = new MemoryLane()
    const { pipeline, send, events, clock, sentIds } = setup({ lane, settings: { maxQueueSize: 10, flushAt: 5 } })
    send(0, 1000)
    expect(events.dropped).toHaveLength(0)
    expect(lane.log.filter((e) => e.state === 'unread').length).toBe(990) // only 10 in memory
    const flushed = pipeline.flush()
    await clock.advance(0)
    await flushed
    expect(sentIds()).toEqual(ids(0, 1000))
    expect(pipeline.snapshot()).toMatchObject({ delivered: 1000, pending: 0, dropped: 0 })
    expect(lane.live).toBe(0)
  })

  it('keeps the window at maxQueueSize however large the backlog', async () => {
    const lane = new MemoryLane()
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const { pipeline, send, clock } = setup({
      lane,
      settings: { maxQueueSize: 50, flushAt: 10, maxInFlight: 1 },
      answer: async () => (await gate, OK),
    })
    send(0, 10_000)
    await clock.advance(0)
    const windowSize = (pipeline as unknown as { queue: { length: number } }).queue.length
    expect(windowSize).toBeLessThanOrEqual(50)
    release()
    const flushed = pipeline.flush()
    await clock.advance(0)
    await flushed
    expect(pipeline.snapshot().delivered).toBe(10_000)
  })

  it('drops only what the spool refuses (spool-full), and resumes when it has room', async () => {
    const lane = new MemoryLane(20)
    const { pipeline, send, events, clock } = setup({ lane, answer: () => new Promise(() => undefined) })
    send(0, 25)
    expect(events.dropped).toEqual(
      [expect.objectContaining({ reason: 'spool-full', count: 1, messageIds: ['m20'] })].concat(
        Array(4).fill(expect.objectContaining({ reason: 'spool-full' })),
      ),
    )
    expect(pipeline.hasRoom()).toBe(false)
    await clock.advance(0)
  })

  it('a transient outage never fails a spooled message: the lane pauses, one batch probes at the capped backoff, then everything is delivered', async () => {
    const lane = new MemoryLane()
    let healthy = false
    const { pipeline, send, events, clock, transport, sentIds } = setup({
      lane,
      settings: { maxQueueSize: 20, flushAt: 5, maxInFlight: 4, maxRetries: 2, retryBaseDelayMs: 100, retryMaxDelayMs: 1000 },
      answer: () => (healthy ? OK : HTTP_500),
    })
    send(0, 200)
    let flushed = false
    void pipeline.flush().then(() => (flushed = true))
    await clock.advance(5000)
    expect(events.paused).toHaveLength(1)
    expect(events.paused[0]).toMatchObject({ destination: 'test', reason: 'HTTP 500', status: 500 })
    expect(flushed).toBe(true) // flush() returns during an outage: the messages are in the spool
    expect(pipeline.snapshot()).toMatchObject({ failed: 0, delivered: 0, pending: 200 })
    // Paused: one request per probe period (retryMaxDelay), not one per batch.
    const before = transport.requests.length
    await clock.advance(10_000)
    const probes = transport.requests.length - before
    expect(probes).toBeGreaterThanOrEqual(10)
    expect(probes).toBeLessThanOrEqual(21) // jitter: delays between 500 and 1000 ms
    expect(Math.max(...clock.pendingSleeps)).toBeLessThanOrEqual(1000)
    expect(events.error).toHaveLength(0)
    healthy = true
    await clock.advance(1000)
    const done = pipeline.flush()
    await clock.advance(1000)
    await done
    expect(events.resumed).toHaveLength(1)
    expect(pipeline.snapshot()).toMatchObject({ delivered: 200, failed: 0, pending: 0 })
    expect(events.delivered.flatMap((e) => e.messageIds).sort()).toEqual(ids(0, 200).sort())
    expect(new Set(sentIds())).toEqual(new Set(ids(0, 200)))
    expect(lane.live).toBe(0)
  })

  it('a permanent refusal (400) still fails and releases the batch', async () => {
    const lane = new MemoryLane()
    const { pipeline, send, events, clock } = setup({ lane, answer: () => HTTP_400 })
    send(0, 5)
    const flushed = pipeline.flush()
    await clock.advance(0)
    await flushed
    expect(pipeline.snapshot()).toMatchObject({ failed: 5, pending: 0 })
    expect(events.error[0]?.error.message).toMatch(/HTTP 400/)
    expect(lane.live).toBe(0)
  })

  it('delivers the backlog before new messages, and flush() waits for it', async () => {
    const backlog = ids(0, 30).map((id) => ({ id: `old-${id}`, json: JSON.stringify({ id: `old-${id}` }) }))
    const lane = new MemoryLane(Number.POSITIVE_INFINITY, backlog)
    const { pipeline, send, clock, sentIds } = setup({ lane, settings: { maxQueueSize: 10, flushAt: 5, maxInFlight: 1 } })
    send(0, 5)
    const flushed = pipeline.flush()
    await clock.advance(0)
    await flushed
    expect(sentIds()).toEqual([...backlog.map((m) => m.id), ...ids(0, 5)])
    expect(pipeline.snapshot()).toMatchObject({ delivered: 35, pending: 0 })
  })

  it('close during an outage: abort leaves everything in the spool, counted pending', async () => {
    const lane = new MemoryLane()
    const { pipeline, send, clock } = setup({ lane, answer: () => HTTP_500 })
    send(0, 50)
    pipeline.startClosing()
    const flushed = pipeline.flush()
    await clock.advance(10_000)
    await flushed
    await pipeline.abort()
    await pipeline.release()
    expect(pipeline.snapshot()).toMatchObject({ pending: 50, failed: 0 })
    expect(lane.live).toBe(50)
    expect(lane.closed).toBe(true)
  })
})
