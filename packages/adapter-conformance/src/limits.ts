// The adapter's declared limits hold: a message over `messageBytes` is refused at the call with a
// ValidationError naming `message` (nothing else affected), and no request on the wire carries
// more than `batchMessages` messages or a body over `batchBytes` (the sink refuses such a body).
// Then a 413 from the vendor splits the batch, and every message arrives exactly once.
import { Analytics, ValidationError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { lanesOf } from './adapter-under-test.js'
import { TEST_USER, tightestLimits, trackLanes, type ConformanceContext } from './conformance-context.js'

/** Sends `count` track calls with a `blob` property of `blobBytes` characters and closes; returns the report. */
async function sendTracks(analytics: Analytics, count: number, blobBytes: number) {
  const blob = 'x'.repeat(blobBytes)
  for (let i = 0; i < count; i++) analytics.track({ userId: TEST_USER, event: 'Limit Test', properties: { i, blob } })
  return analytics.close()
}

/** Registers the limits and 413 suites. */
export function describeLimits(ctx: ConformanceContext): void {
  const { adapter } = ctx
  const vendor = adapter.vendor
  const build = () => adapter.create(ctx.key, ctx.sink().urlFor(vendor))

  describe('limits', () => {
    it('refuses a message over limits.messageBytes with a ValidationError naming `message`; nothing else is affected', async () => {
      const destination = build()
      const largest = Math.max(...lanesOf(destination).map((lane) => lane.destination.limits.messageBytes))
      const analytics = new Analytics({ destination })
      let error: unknown
      try {
        analytics.track({ userId: TEST_USER, event: 'Too Large', properties: { blob: 'x'.repeat(largest + 1) } })
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('message')
      analytics.track({ userId: TEST_USER, event: 'After' })
      const report = await analytics.close()
      expect(report.delivered).toBe(trackLanes(lanesOf(destination)).length)
      expect(ctx.sink().messages({ vendor })).toHaveLength(report.delivered)
    })

    it('never sends more than limits.batchMessages messages in one request', async () => {
      const destination = build()
      const lanes = trackLanes(lanesOf(destination))
      const { batchMessages } = tightestLimits(lanes)
      const count = batchMessages + 1
      const analytics = new Analytics({ destination, flushAt: batchMessages, maxQueueSize: 2 * count, flushIntervalMs: 3_600_000 })
      const report = await sendTracks(analytics, count, 0)
      expect(report.delivered).toBe(count * lanes.length)
      const requests = ctx.sink().requests({ vendor, kind: 'ingest' })
      expect(requests.length).toBeGreaterThan(1)
      for (const request of requests) {
        expect(request.status).toBe(200)
        expect(request.messageCount).toBeLessThanOrEqual(batchMessages)
      }
    })

    it('never sends a body over limits.batchBytes (the sink refuses one)', async () => {
      const destination = build()
      const lanes = trackLanes(lanesOf(destination))
      const { messageBytes, batchBytes, batchMessages } = tightestLimits(lanes)
      // Messages large enough that the bytes, not the count, close a batch; a little over one batch of them.
      const size = Math.floor(Math.min(messageBytes / 2, batchBytes / 8))
      expect(batchBytes / size, 'the bytes limit must bind before the count limit').toBeLessThan(batchMessages)
      const count = Math.floor(batchBytes / size) + 2
      const analytics = new Analytics({
        destination,
        flushAt: batchMessages,
        maxQueueSize: 2 * Math.max(count, batchMessages),
        flushIntervalMs: 3_600_000,
      })
      const report = await sendTracks(analytics, count, size)
      expect(report.delivered).toBe(count * lanes.length)
      const requests = ctx.sink().requests({ vendor, kind: 'ingest' })
      expect(requests.length).toBeGreaterThan(1)
      for (const request of requests)
        expect(request.status, `a request of ${request.messageCount} messages was refused: over ${batchBytes} bytes?`).toBe(200)
    })
  })

  describe('413', () => {
    it('splits the batch the vendor refuses as too large; everything arrives exactly once', async () => {
      const destination = build()
      const lanes = trackLanes(lanesOf(destination))
      const count = Math.min(8, tightestLimits(lanes).batchMessages)
      ctx.sink().inject(vendor, { status: 413 })
      const analytics = new Analytics({ destination, flushAt: count, flushIntervalMs: 3_600_000 })
      const report = await sendTracks(analytics, count, 0)
      expect(report.delivered).toBe(count * lanes.length)
      const stats = ctx.sink().stats().byVendor[vendor]
      expect(stats?.accepted).toBe(count * lanes.length)
      expect(stats?.duplicates).toBe(0)
      expect(stats?.uniqueIds).toBe(count * lanes.length)
      const statuses = ctx
        .sink()
        .requests({ vendor, kind: 'ingest' })
        .map((r) => r.status)
      expect(statuses[0]).toBe(413)
      expect(statuses.slice(1).filter((s) => s === 200).length).toBeGreaterThanOrEqual(2)
    })
  })
}
