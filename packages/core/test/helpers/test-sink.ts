import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Analytics } from '../../src/analytics.js'
import { TEST_WRITE_KEY } from './test-destination.js'

/**
 * A sink on 127.0.0.1 for one test file (its Segment route takes {@link TEST_WRITE_KEY}): started
 * before the file's tests, and after each test the clients pushed to `clients` are closed and the
 * sink is reset. Returns the sink (a stand-in that forwards to it once it has started).
 */
export function testSink(clients: Analytics[]): Sink {
  let started: Sink | undefined
  beforeAll(async () => {
    started = await startSink({ keys: { segment: [TEST_WRITE_KEY] } })
  })
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close({ timeoutMs: 1000 })))
    started?.reset()
  })
  afterAll(async () => {
    await started?.close()
  })
  return new Proxy({} as Sink, {
    get(_, key) {
      if (started === undefined) throw new Error('the test sink is used before it started (outside a test?)')
      const value = Reflect.get(started, key) as unknown
      return typeof value === 'function' ? value.bind(started) : value
    },
  })
}
