/**
 * @customerio/cdp-analytics-node 0.5.9: `host` = the sink, `path` = its Customer.io route,
 * maxEventsInBatch 100. closeAndFlush gets an explicit timeout: its default (flushInterval × 1.25)
 * resolves whether or not delivery finished.
 */
import { childArgs } from '../lib/child-args.mjs'
import { failureLog, reportUnavailable, startMeasure, tryImport } from '../lib/measure.mjs'
import { drive } from '../lib/workload.mjs'

const loaded = await tryImport('@customerio/cdp-analytics-node', 'Analytics')
if (loaded.error) {
  reportUnavailable(loaded.error)
} else {
  const { events, sinkUrl } = childArgs()
  const failures = failureLog()
  const measure = startMeasure()
  const analytics = new loaded.mod.Analytics({
    writeKey: 'wk_bench',
    host: sinkUrl,
    path: '/customerio/v1/batch',
    maxEventsInBatch: 100,
    flushInterval: 10_000,
    maxRetries: 3,
  })
  analytics.on('error', (error) => failures.add(error?.code ?? 'error', error?.reason ?? error))
  await drive(events, (params) => analytics.track(params))
  await analytics.closeAndFlush({ timeout: 120_000 })
  measure.finish(failures.summary())
}
