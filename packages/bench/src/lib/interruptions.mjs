/**
 * The machine's own interruptions, seen from JS: a tight loop reads performance.now() for a
 * given time and records every gap between two reads longer than a threshold (5 µs) — time the
 * thread did not run (preemption, stolen time on a VM, interrupts). Reports gaps per second,
 * the median and p90 gap, and the share of the time lost.
 */
import { percentile } from './stats.mjs'

const MAX_GAPS = 1_000_000

function loop(ms, thresholdUs, gaps) {
  const threshold = thresholdUs / 1000
  let count = 0
  let reads = 0
  const t0 = performance.now()
  const end = t0 + ms
  let last = t0
  while (last < end) {
    const now = performance.now()
    reads++
    if (now - last > threshold && count < MAX_GAPS) gaps[count++] = (now - last) * 1000
    last = now
  }
  return { count, reads, elapsedMs: last - t0 }
}

/** `{ seconds, thresholdUs, reads, gaps, gapsPerSec, medianGapUs, p90GapUs, maxGapUs, lostPct }`. */
export function measureInterruptions({ seconds = 1, thresholdUs = 5 } = {}) {
  const gaps = new Float64Array(MAX_GAPS)
  loop(100, thresholdUs, gaps) // warm up: optimize the loop before measuring
  const { count, reads, elapsedMs } = loop(seconds * 1000, thresholdUs, gaps)
  const sorted = gaps.subarray(0, count).sort()
  const lostUs = sorted.reduce((a, b) => a + b, 0)
  return {
    seconds: elapsedMs / 1000,
    thresholdUs,
    reads,
    gaps: count,
    gapsPerSec: count / (elapsedMs / 1000),
    medianGapUs: percentile(sorted, 50),
    p90GapUs: percentile(sorted, 90),
    maxGapUs: sorted[count - 1],
    lostPct: (lostUs / (elapsedMs * 1000)) * 100,
  }
}
