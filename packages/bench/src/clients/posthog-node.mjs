/** posthog-node 5.70: batches of 100 (flushAt = maxBatchSize = 100), a queue large enough for N, gzip on (its default). */
import { childArgs } from '../lib/child-args.mjs'
import { failureLog, reportUnavailable, startMeasure, tryImport } from '../lib/measure.mjs'
import { drive } from '../lib/workload.mjs'

const loaded = await tryImport('posthog-node', 'PostHog')
if (loaded.error) {
  reportUnavailable(loaded.error)
} else {
  const { events, sinkUrl } = childArgs()
  const failures = failureLog()
  const measure = startMeasure()
  const client = new loaded.mod.PostHog('phc_bench', {
    host: `${sinkUrl}/posthog`,
    flushAt: 100,
    maxBatchSize: 100,
    maxQueueSize: Math.max(10_000, events + 1),
    flushInterval: 10_000,
    featureFlagsPollingInterval: null,
  })
  client.on('error', (error) => failures.add('error', error))
  await drive(events, ({ userId, event, properties }) => client.capture({ distinctId: userId, event, properties }))
  await client.shutdown(120_000)
  measure.finish(failures.summary())
}
