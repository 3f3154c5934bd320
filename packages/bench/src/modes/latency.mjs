/**
 * `track()` call latency with one destination (Polytrack → Segment adapter → the sink): each call
 * timed with process.hrtime.bigint(), flushAt as large as the vendor allows (so most calls only
 * validate, encode and queue), no spool. Prints p50/p90/p99/p99.9/max in µs over the measured calls,
 * and the same percentiles for an empty timed region (the timer's and the machine's noise).
 */
import { childArgs } from '../lib/child-args.mjs'
import { reportUnavailable, tryImport } from '../lib/measure.mjs'
import { percentile } from '../lib/stats.mjs'
import { drive } from '../lib/workload.mjs'

const core = await tryImport('@polytrack/core', 'Analytics')
const adapter = await tryImport('@polytrack/segment', 'segment')
if (core.error || adapter.error) {
  reportUnavailable(core.error ?? adapter.error)
} else {
  const { events, sinkUrl } = childArgs()
  const warmup = Math.min(20_000, Math.floor(events / 5))
  const analytics = new core.mod.Analytics({
    destination: adapter.mod.segment({ writeKey: 'wk_bench', host: `${sinkUrl}/segment` }),
    flushAt: 100_000,
    maxQueueSize: events + warmup,
  })
  const samples = new Float64Array(events)
  let n = 0
  await drive(warmup, (params) => analytics.track(params))
  await drive(events, (params) => {
    const t0 = process.hrtime.bigint()
    analytics.track(params)
    samples[n++] = Number(process.hrtime.bigint() - t0) / 1000
  })
  const report = await analytics.close()
  // Timing baseline: the same loop around nothing, to show the timer's and the machine's noise.
  const empty = new Float64Array(n)
  let m = 0
  await drive(n, () => {
    const t0 = process.hrtime.bigint()
    empty[m++] = Number(process.hrtime.bigint() - t0) / 1000
  })
  const base = empty.sort()
  const sorted = samples.subarray(0, n).sort()
  const us = (p) => percentile(sorted, p)
  process.stdout.write(
    `\n${JSON.stringify({
      ok: true,
      calls: n,
      warmup,
      p50: us(50),
      p90: us(90),
      p99: us(99),
      p999: us(99.9),
      max: sorted[n - 1],
      mean: sorted.reduce((a, b) => a + b, 0) / n,
      delivered: report.delivered,
      dropped: report.dropped,
      baseline: { p50: percentile(base, 50), p99: percentile(base, 99), p999: percentile(base, 99.9) },
    })}\n`,
  )
}
