/**
 * @rudderstack/rudder-sdk-node 3.0.13: flushAt 100, an internal queue large enough for N (its
 * default 20,000 drops the rest with a log line), gzip on (its default). No `errorHandler`, as
 * users run it: a failed background flush is an unhandled rejection. We count those (instead of
 * letting Node crash) and report them as failures. Its `flush()` sends at most `flushAt` events
 * per call, so closing means calling it until the queue is empty.
 */
import { runOfficialClient } from '../lib/official-client.mjs'
import { drive } from '../lib/workload.mjs'

await runOfficialClient('@rudderstack/rudder-sdk-node', 'default', async ({ mod, events, sinkUrl, failures }) => {
  const Analytics = mod.default
  process.on('unhandledRejection', (reason) => failures.add('unhandledRejection', reason))
  const client = new Analytics('wk_bench', {
    dataPlaneUrl: `${sinkUrl}/rudderstack`,
    flushAt: 100,
    flushInterval: 10_000,
    maxInternalQueueSize: Math.max(20_000, events + 1),
    logLevel: 'error',
  })
  await drive(events, (params) => client.track(params))
  let calls = 0
  while (client.queue.length > 0 && calls < 100_000) {
    calls++
    await client.flush().catch((error) => failures.add('flush', error))
  }
  await client.pendingFlush?.catch((error) => failures.add('flush', error))
  return { flushCalls: calls }
})
