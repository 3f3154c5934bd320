import { createMessage, LIBRARY, type DestinationLimits } from '@polytrack/core/adapter'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { lanesOf, type AdapterUnderTest, type Lane } from './adapter-under-test.js'

/** What the suites of one conformance run share. */
export interface ConformanceContext {
  adapter: AdapterUnderTest
  /** The key the sink accepts. */
  key: string
  /** The run's sink (started before the suites, reset before each test). */
  sink(): Sink
}

/** The user id of the kit's own messages (long enough for every vendor's id rules). */
export const TEST_USER = 'conformance-user-1'

/** A track call's message, to ask lanes whether they take it. */
export function sampleTrack() {
  return createMessage('track', { userId: TEST_USER, event: 'Sample' }, { library: LIBRARY })
}

/** The lanes that take track calls (the kit's workloads for limits and 413 are track calls). */
export function trackLanes(lanes: readonly Lane[]): Lane[] {
  const message = sampleTrack()
  return lanes.filter((lane) => lane.destination.accepts?.(message) !== false)
}

/** The tightest limits among `lanes`. */
export function tightestLimits(lanes: readonly Lane[]): DestinationLimits {
  const all = lanes.map((lane) => lane.destination.limits)
  return {
    messageBytes: Math.min(...all.map((l) => l.messageBytes)),
    batchBytes: Math.min(...all.map((l) => l.batchBytes)),
    batchMessages: Math.min(...all.map((l) => l.batchMessages)),
  }
}

/**
 * Starts one sink for a conformance run: it accepts only `key` for the vendor, and refuses (413)
 * any request body over the adapter's own `batchBytes` for track calls, so that an over-size batch
 * cannot pass unnoticed.
 */
export function useConformanceSink(adapter: AdapterUnderTest, key: string): ConformanceContext {
  let sink: Sink | undefined
  beforeAll(async () => {
    const lanes = trackLanes(lanesOf(adapter.create(key, 'http://127.0.0.1')))
    const { batchBytes } = tightestLimits(lanes)
    // messageBytes: a message can never be larger than the batch; the kit checks message limits at the call.
    sink = await startSink({
      port: 0,
      keys: { [adapter.vendor]: [key] },
      limits: { [adapter.vendor]: { batchBytes, messageBytes: batchBytes } },
    })
  })
  afterAll(async () => {
    await sink?.close()
  })
  beforeEach(() => sink?.reset())
  return {
    adapter,
    key,
    sink: () => {
      if (!sink) throw new Error('the conformance sink is not running')
      return sink
    },
  }
}
