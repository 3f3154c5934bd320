import { Analytics, type AnalyticsEvents } from '@polytrack/core'
import { multiplex } from '@polytrack/multiplex'
import { rudderstack } from '@polytrack/rudderstack'
import type { FaultStep, VendorName } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { segmentLike } from './support/destinations.js'
import { sendNumbered } from './support/messages.js'
import { startRemoteSink, type RemoteSink } from './support/sink-process.js'

/**
 * Fault soak: N messages through one real client to three vendors of a sink (in its own process)
 * that answers a scripted mix of 500s, 429s with Retry-After 0–1 s, dropped connections, stalls
 * longer than the client's request timeout and 413s. Every message must arrive, exactly the ids
 * sent, each with its own content; duplicates are counted and must be resends of the same message.
 *
 * Why duplicates can only come from timeouts: the sink records nothing for a status fault, a
 * dropped connection or a stall the client gave up on (it cancels the stall when the client goes
 * away). A message is recorded twice only if a request was recorded and answered 200 but the
 * answer reached the client after its timeout (or the connection failed after the answer was
 * written). So duplicates ≤ messages in attempts that timed out at the client.
 */
const N = 100_002 // a multiple of 6 (all types equally) close to 100,000
const HTTP_TIMEOUT = 500
const VENDORS: VendorName[] = ['rudderstack', 'segment', 'customerio']
const KEYS: Record<string, string> = { rudderstack: 'wk_soak_rudder', segment: 'wk_soak_segment', customerio: 'wk_soak_cio' }

/** Deterministic PRNG (mulberry32), so every run injects the same schedule. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One vendor's schedule: ~37 % of requests get a fault. */
function schedule(seed: number, length: number): FaultStep[] {
  const random = prng(seed)
  const steps: FaultStep[] = []
  for (let i = 0; i < length; i++) {
    const r = random()
    if (r < 0.1) steps.push({ status: 500 })
    else if (r < 0.16) steps.push({ status: 429, retryAfter: 0 })
    else if (r < 0.18) steps.push({ status: 429, retryAfter: 1 })
    else if (r < 0.25) steps.push({ drop: true })
    else if (r < 0.28)
      steps.push({ delayMs: 5_000 }) // a stall: the client times out first
    else if (r < 0.35) steps.push({ status: 413 })
    else if (r < 0.37) steps.push({ status: 503, retryAfter: 0, body: '<html>upstream unavailable</html>' })
    else steps.push({ pass: true })
  }
  return steps
}

let sink: RemoteSink
beforeAll(async () => {
  sink = await startRemoteSink({
    maxRecorded: N * VENDORS.length + 50_000,
    keys: Object.fromEntries(VENDORS.map((v) => [v, [KEYS[v] as string]])),
  })
})
afterAll(async () => {
  await sink?.close()
})

describe('fault soak', () => {
  it(`delivers all ${N.toLocaleString('en')} messages to 3 vendors through 500/429/drop/stall/413 faults`, async () => {
    for (const [i, vendor] of VENDORS.entries()) await sink.inject(vendor, schedule(1000 + i, 2_500))

    const analytics = new Analytics({
      destination: multiplex([
        rudderstack({ writeKey: KEYS.rudderstack as string, dataPlaneUrl: sink.urlFor('rudderstack') }),
        { destination: segmentLike(sink.urlFor('segment'), { key: KEYS.segment as string }), name: 'segment' },
        { destination: segmentLike(sink.urlFor('customerio'), { key: KEYS.customerio as string, gzip: true }), name: 'customerio' },
      ]),
      flushAt: 100,
      flushIntervalMs: 60_000,
      maxQueueSize: N,
      maxInFlight: 8,
      maxRetries: 60,
      retryBaseDelayMs: 10,
      retryMaxDelayMs: 500,
      httpTimeoutMs: HTTP_TIMEOUT,
    })
    const errors: AnalyticsEvents['error'][] = []
    const dropped: AnalyticsEvents['dropped'][] = []
    let retries = 0
    // Attempts the client gave up on at its timeout: the only ones whose messages the sink may have
    // recorded (a dropped connection or a status fault records nothing).
    const timedOut: Record<string, { attempts: number; messages: number }> = {}
    for (const v of VENDORS) timedOut[v] = { attempts: 0, messages: 0 }
    analytics.on('error', (e) => errors.push(e))
    analytics.on('dropped', (e) => dropped.push(e))
    analytics.on('retry', (r) => {
      retries++
      if (!r.reason.startsWith('timed out')) return
      const slot = timedOut[r.destination] as { attempts: number; messages: number }
      slot.attempts++
      slot.messages += r.count
    })

    const started = performance.now()
    // A producer that keeps the event loop turning, as a server handling requests would.
    for (let i = 0; i < N; i++) {
      sendNumbered(analytics, i, 'soak-')
      if (i % 500 === 499) await new Promise((r) => setImmediate(r))
    }
    const report = await analytics.close({ timeoutMs: 120_000 })
    const seconds = (performance.now() - started) / 1000

    expect(errors.map((e) => e.error.message)).toEqual([])
    expect(dropped).toEqual([])
    expect(report).toMatchObject({ delivered: N * VENDORS.length, failed: 0, dropped: 0, pending: 0, timedOut: false })
    for (const v of VENDORS) expect(report.byDestination[v]).toMatchObject({ delivered: N, failed: 0, dropped: 0, pending: 0 })

    const stats = await sink.stats()
    const lines: string[] = []
    for (const v of VENDORS) {
      const s = stats.byVendor[v]
      const a = await sink.analyze(v, 'soak-', N)
      // Every id sent arrived, and nothing else did.
      expect(s?.uniqueIds, v).toBe(N)
      expect(a.distinctIds, v).toBe(N)
      expect(a.unexpectedIds, v).toBe(0)
      expect(a.contentMismatches, v).toBe(0)
      // Duplicates are resends of the same message in another request, and no more than the
      // attempts that timed out at the client could explain.
      expect(s?.accepted, v).toBe(N + (s?.duplicates ?? 0))
      expect(a.duplicateCopies, v).toBe(s?.duplicates)
      expect(a.differingDuplicates, v).toBe(0)
      expect(a.sameRequestDuplicates, v).toBe(0)
      expect(a.duplicateCopies, v).toBeLessThanOrEqual(timedOut[v]?.messages ?? 0)
      // The faults really happened.
      const st = s?.statuses ?? {}
      for (const kind of ['500', '429', '503', '413', 'drop', 'aborted']) expect(st[kind] ?? 0, `${v} ${kind}`).toBeGreaterThan(0)
      lines.push(
        `${v}: requests ${s?.requests}, statuses ${JSON.stringify(st)}, duplicates ${s?.duplicates} (${a.duplicateIds} ids), timed-out attempts ${timedOut[v]?.attempts}`,
      )
    }
    console.log(
      `fault soak: ${N} messages × ${VENDORS.length} vendors in ${seconds.toFixed(1)} s, ${retries} retries\n  ${lines.join('\n  ')}`,
    )
  }, 150_000)
})
