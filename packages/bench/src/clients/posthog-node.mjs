/** posthog-node 5.70: batches of 100 (flushAt = maxBatchSize = 100), a queue large enough for N, gzip on (its default). */
import { runOfficialClient } from '../lib/official-client.mjs'
import { drive } from '../lib/workload.mjs'

await runOfficialClient('posthog-node', 'PostHog', async ({ mod, events, sinkUrl, failures }) => {
  const client = new mod.PostHog('phc_bench', {
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
})
