/** @segment/analytics-node 3.1: `host` = the sink, `path` = its Segment route, flushAt 100. */
import { childArgs } from '../lib/child-args.mjs'
import { failureLog, reportUnavailable, startMeasure, tryImport } from '../lib/measure.mjs'
import { drive } from '../lib/workload.mjs'

const loaded = await tryImport('@segment/analytics-node', 'Analytics')
if (loaded.error) {
  reportUnavailable(loaded.error)
} else {
  const { events, sinkUrl } = childArgs()
  const failures = failureLog()
  const measure = startMeasure()
  const analytics = new loaded.mod.Analytics({
    writeKey: 'wk_bench',
    host: sinkUrl,
    path: '/segment/v1/batch',
    flushAt: 100,
    flushInterval: 10_000,
    maxRetries: 3,
  })
  analytics.on('error', (error) => failures.add(error?.code ?? 'error', error?.reason ?? error))
  await drive(events, (params) => analytics.track(params))
  await analytics.closeAndFlush({ timeout: 120_000 })
  measure.finish(failures.summary())
}
