/** @amplitude/analytics-node 1.5: batches of 200 (flushQueueSize, its default), HTTP V2 API, plain JSON. */
import { runOfficialClient } from '../lib/official-client.mjs'
import { drive } from '../lib/workload.mjs'

await runOfficialClient('@amplitude/analytics-node', 'createInstance', async ({ mod, events, sinkUrl, failures }) => {
  const client = mod.createInstance()
  await client.init('amp_bench', {
    serverUrl: `${sinkUrl}/amplitude/2/httpapi`,
    flushQueueSize: 200,
    flushIntervalMillis: 10_000,
    logLevel: 0,
  }).promise
  await drive(events, ({ userId, event, properties }) => {
    client.track(event, properties, { user_id: userId }).promise.then((result) => {
      if (result.code !== 200) failures.add('error', new Error(`HTTP ${result.code}: ${result.message}`))
    })
  })
  await client.flush().promise
})
