import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Analytics } from '../src/analytics.js'
import type { DestinationSet } from '../src/destination-set.js'
import { memorySpool } from './helpers/memory-spool.js'
import { testDestination } from './helpers/test-destination.js'

let sink: Sink
beforeAll(async () => {
  sink = await startSink()
})
afterAll(async () => {
  await sink.close()
})

describe('the spool hook of the pipeline', () => {
  it('appends before the call returns, releases on delivery, and replays what a dead client left', async () => {
    const { spool, held } = memorySpool()
    const first = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool, flushIntervalMs: 60_000, flushAt: 100 })
    sink.inject('segment', ...Array.from({ length: 100 }, () => ({ status: 503 })))
    for (let i = 0; i < 5; i++) first.track({ userId: 'u', event: `e${i}`, messageId: `spooled-${i}` })
    expect(held('segment')).toEqual(['spooled-0', 'spooled-1', 'spooled-2', 'spooled-3', 'spooled-4'])
    const report = await first.close({ timeoutMs: 200 }) // the server is down: nothing delivered
    expect(report.pending).toBe(5)
    expect(held('segment')).toHaveLength(5)
    sink.reset()

    const second = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool, flushIntervalMs: 60_000 })
    second.track({ userId: 'u', event: 'new', messageId: 'fresh-1' })
    const after = await second.close()
    expect(after).toMatchObject({ delivered: 6, pending: 0 })
    expect(
      sink
        .messages({ vendor: 'segment' })
        .map((m) => m.id)
        .sort(),
    ).toEqual(['fresh-1', 'spooled-0', 'spooled-1', 'spooled-2', 'spooled-3', 'spooled-4'])
    expect(held('segment')).toEqual([])
  })

  it("replays each destination's backlog on its own: a vendor still down does not hold back the others", async () => {
    const { spool, held } = memorySpool()
    const set = (): DestinationSet => ({
      kind: 'set',
      members: [
        { destination: testDestination(sink.urlFor('segment'), { name: 'down' }), name: 'down', middleware: [] },
        { destination: testDestination(sink.urlFor('hightouch'), { name: 'up' }), name: 'up', middleware: [] },
      ],
    })
    // First run: both vendors refuse, the process "dies" with everything spooled.
    sink.inject('*', ...Array.from({ length: 200 }, () => ({ status: 503 })))
    const first = new Analytics({ destination: set(), spool, flushIntervalMs: 60_000, flushAt: 100 })
    for (let i = 0; i < 20; i++) first.track({ userId: 'u', event: `e${i}`, messageId: `backlog-${i}` })
    await first.close({ timeoutMs: 100 })
    expect(held('down')).toHaveLength(20)
    expect(held('up')).toHaveLength(20)
    sink.reset()

    // Second run: "down" still refuses every request; "up" is back.
    sink.inject('segment', ...Array.from({ length: 10_000 }, () => ({ status: 503 })))
    const second = new Analytics({ destination: set(), spool, flushIntervalMs: 20, retryBaseDelayMs: 50, maxRetries: 1000 })
    const deadline = Date.now() + 5000
    // The sink counts a batch before the client has read the answer and released it from the spool: wait for both.
    while ((sink.stats().byVendor.hightouch?.accepted !== 20 || held('up').length > 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10))
    expect(sink.stats().byVendor.hightouch).toMatchObject({ accepted: 20, duplicates: 0 })
    expect(held('up')).toEqual([])
    expect(sink.stats().byVendor.segment?.accepted ?? 0).toBe(0)
    expect(held('down')).toHaveLength(20)
    const report = await second.close({ timeoutMs: 100 })
    expect(report.byDestination.down).toMatchObject({ delivered: 0, pending: 20 })
    expect(report.byDestination.up).toMatchObject({ delivered: 20, pending: 0 })
    sink.reset()
  })

  it('counts a message the spool has no room for as dropped (spool-full)', async () => {
    const { spool } = memorySpool(2)
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool, flushIntervalMs: 60_000, flushAt: 100 })
    const reasons: string[] = []
    analytics.on('dropped', (d) => reasons.push(d.reason))
    for (let i = 0; i < 3; i++) analytics.track({ userId: 'u', event: `e${i}` })
    const report = await analytics.close()
    expect(report).toMatchObject({ delivered: 2, dropped: 1 })
    expect(reasons).toEqual(['spool-full'])
    sink.reset()
  })
})
