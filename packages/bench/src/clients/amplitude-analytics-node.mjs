/** @amplitude/analytics-node 1.5: batches of 200 (flushQueueSize, its default), HTTP V2 API, plain JSON. */
import { childArgs } from '../lib/child-args.mjs'
import { failureLog, reportUnavailable, startMeasure, tryImport } from '../lib/measure.mjs'
import { drive } from '../lib/workload.mjs'

const loaded = await tryImport('@amplitude/analytics-node', 'createInstance')
if (loaded.error) {
  reportUnavailable(loaded.error)
} else {
  const { events, sinkUrl } = childArgs()
  const failures = failureLog()
  const measure = startMeasure()
  const client = loaded.mod.createInstance()
  await client.init('amp_bench', { serverUrl: `${sinkUrl}/amplitude/2/httpapi`, flushQueueSize: 200, flushIntervalMillis: 10_000, logLevel: 0 }).promise
  await drive(events, ({ userId, event, properties }) => {
    client.track(event, properties, { user_id: userId }).promise.then((result) => {
      if (result.code !== 200) failures.add('error', new Error(`HTTP ${result.code}: ${result.message}`))
    })
  })
  await client.flush().promise
  measure.finish(failures.summary())
}
