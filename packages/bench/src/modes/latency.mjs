/**
 * `track()` call latency with one destination (Polytrack → Segment adapter → the sink): each call
 * timed with process.hrtime.bigint(), flushAt as large as the vendor allows (so most calls only
 * validate, encode and queue), no spool. Prints p50/p90/p99/p99.9/max in µs over the measured calls,
 * then the same for a second client with `deferEncoding: true` (serialization after the call), and
 * three baselines:
 * - an empty timed region (the timer's own cost and noise);
 * - a non-allocating busy loop calibrated to track()'s p50 during the warm-up, and timed right after
 *   each measured track() call, in the same slices, while the same requests are in flight (what the
 *   machine, its interrupts and the I/O do to the tail of any call that long; lib/busy-loop.mjs);
 * - the machine's interruptions: gaps > 5 µs seen by a 1-second performance.now() loop (lib/interruptions.mjs).
 */
import { calibrateSpin, spin } from '../lib/busy-loop.mjs'
import { childArgs } from '../lib/child-args.mjs'
import { measureInterruptions } from '../lib/interruptions.mjs'
import { importPolytrackSegment } from '../lib/measure.mjs'
import { percentile } from '../lib/stats.mjs'
import { drive } from '../lib/workload.mjs'

/** Percentiles, max and mean (µs) of the first `n` samples. */
function distribution(samples, n) {
  const sorted = samples.subarray(0, n).sort()
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted[n - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / n,
  }
}

/**
 * Times `events` track() calls on a fresh client (after `warmup` untimed-for-the-result calls) with
 * a busy loop of the warm-up's median timed right after each call; returns both distributions.
 */
async function measureTrack({ events, warmup, sinkUrl, deferEncoding }) {
  const analytics = new polytrack.Analytics({
    destination: polytrack.segment({ writeKey: 'wk_bench', host: `${sinkUrl}/segment` }),
    flushAt: 100_000,
    maxQueueSize: events + warmup,
    deferEncoding,
  })
  const warm = new Float64Array(warmup)
  let w = 0
  await drive(warmup, (params) => {
    const t0 = process.hrtime.bigint()
    analytics.track(params)
    warm[w++] = Number(process.hrtime.bigint() - t0) / 1000
  })
  // Machine baseline: a busy loop as long as a typical track() call, timed after each measured call.
  // (the second half of the warm-up: the JIT has settled by then)
  const calibration = calibrateSpin(distribution(warm.subarray(w >> 1), w - (w >> 1)).p50)
  const samples = new Float64Array(events)
  const spins = new Float64Array(events)
  let n = 0
  await drive(events, (params) => {
    const t0 = process.hrtime.bigint()
    analytics.track(params)
    const t1 = process.hrtime.bigint()
    spin(calibration.iterations)
    spins[n] = Number(process.hrtime.bigint() - t1) / 1000
    samples[n++] = Number(t1 - t0) / 1000
  })
  const report = await analytics.close()
  const busyLoop = {
    iterations: calibration.iterations,
    calibratedMedianUs: calibration.medianUs,
    interleaved: true,
    ...distribution(spins, n),
  }
  return { track: distribution(samples, n), busyLoop, report, n }
}

const polytrack = await importPolytrackSegment()
if (polytrack) {
  const { events, sinkUrl } = childArgs()
  const warmup = Math.min(20_000, Math.floor(events / 5))
  // The default client, then one with deferEncoding (serialization after the call), each on its own.
  const main = await measureTrack({ events, warmup, sinkUrl, deferEncoding: false })
  const deferred = await measureTrack({ events, warmup, sinkUrl, deferEncoding: true })
  const { track, busyLoop, report, n } = main
  // Timing baseline: the same loop around nothing, to show the timer's and the machine's noise.
  const empty = new Float64Array(n)
  let m = 0
  await drive(n, () => {
    const t0 = process.hrtime.bigint()
    empty[m++] = Number(process.hrtime.bigint() - t0) / 1000
  })
  const baseline = distribution(empty, m)
  const interruptions = measureInterruptions({ seconds: 1, thresholdUs: 5 })
  interruptions.hitProbabilityAtP50 = interruptions.gapsPerSec * track.p50 * 1e-6
  process.stdout.write(
    `\n${JSON.stringify({
      ok: true,
      calls: n,
      warmup,
      ...track,
      delivered: report.delivered,
      dropped: report.dropped,
      baseline,
      busyLoop,
      interruptions,
      deferEncoding: {
        ...deferred.track,
        busyLoop: deferred.busyLoop,
        delivered: deferred.report.delivered,
        dropped: deferred.report.dropped,
      },
    })}\n`,
  )
}
