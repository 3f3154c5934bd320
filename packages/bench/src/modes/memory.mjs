/**
 * RSS flatness: Polytrack (Segment adapter → the sink) sends N events (default 1,000,000) with a
 * bounded queue (maxQueueSize 10,000, the default). The producer waits while more than 5,000
 * messages are pending, like a server whose callers are slower than its network. RSS is sampled
 * every 250 ms; prints start / at 10 % / peak / end and the samples.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { childArgs } from '../lib/child-args.mjs'
import { importPolytrackSegment } from '../lib/measure.mjs'
import { drive } from '../lib/workload.mjs'

const polytrack = await importPolytrackSegment()
if (polytrack) {
  const { events, sinkUrl } = childArgs()
  const mb = () => process.memoryUsage.rss() / 2 ** 20
  const analytics = new polytrack.Analytics({
    destination: polytrack.segment({ writeKey: 'wk_bench', host: `${sinkUrl}/segment` }),
    flushAt: 100,
    maxQueueSize: 10_000,
  })
  const t0 = performance.now()
  const samples = []
  let sent = 0
  let waits = 0
  const sample = () => samples.push({ t: Math.round(performance.now() - t0), events: sent, rssMb: +mb().toFixed(1) })
  sample()
  const timer = setInterval(sample, 250)
  let at10
  await drive(
    events,
    (params) => {
      analytics.track(params)
      sent++
    },
    async (start) => {
      while (analytics.report().pending > 5_000) {
        waits++
        await sleep(1)
      }
      if (at10 === undefined && start >= events / 10) at10 = mb()
    },
  )
  const beforeClose = mb()
  const report = await analytics.close()
  clearInterval(timer)
  sample()
  const rss = samples.map((s) => s.rssMb)
  const secondHalf = samples.filter((s) => s.events >= events / 2).map((s) => s.rssMb)
  process.stdout.write(
    `\n${JSON.stringify({
      ok: true,
      events,
      wallMs: performance.now() - t0,
      startMb: rss[0],
      at10Mb: at10,
      peakMb: Math.max(...rss),
      secondHalfPeakMb: secondHalf.length ? Math.max(...secondHalf) : undefined,
      beforeCloseMb: beforeClose,
      endMb: rss[rss.length - 1],
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      heapUsedEndMb: process.memoryUsage().heapUsed / 2 ** 20,
      producerWaits: waits,
      report: { delivered: report.delivered, failed: report.failed, dropped: report.dropped, pending: report.pending },
      samples: samples.filter((_, i) => i % Math.max(1, Math.ceil(samples.length / 40)) === 0),
    })}\n`,
  )
}
