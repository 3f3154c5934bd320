/**
 * @segment/analytics-node and its fork @customerio/cdp-analytics-node (the same API): `host` = the
 * sink, `path` = the vendor's route (they resolve `path` against `host` with new URL(), which drops
 * a host's own path), batches of 100 (`batchOption`). closeAndFlush gets an explicit timeout: its
 * default (flushInterval × 1.25) resolves whether or not delivery finished.
 */
import { runOfficialClient } from './official-client.mjs'
import { drive } from './workload.mjs'

export function runSegmentFamilySdk(specifier, { vendor, batchOption }) {
  return runOfficialClient(specifier, 'Analytics', async ({ mod, events, sinkUrl, failures }) => {
    const analytics = new mod.Analytics({
      writeKey: 'wk_bench',
      host: sinkUrl,
      path: `/${vendor}/v1/batch`,
      [batchOption]: 100,
      flushInterval: 10_000,
      maxRetries: 3,
    })
    analytics.on('error', (error) => failures.add(error?.code ?? 'error', error?.reason ?? error))
    await drive(events, (params) => analytics.track(params))
    await analytics.closeAndFlush({ timeout: 120_000 })
  })
}
