/**
 * A non-allocating busy loop (integer arithmetic only) as a machine baseline for call latency:
 * `calibrateSpin(targetUs)` finds the iteration count whose timed median equals a target (e.g.
 * track()'s measured p50), timed the same way (process.hrtime.bigint() around the call), so the
 * loop's tail shows what the machine alone does to a call of that length.
 */

let sink = 0

/** `k` rounds of a linear congruential step in int32; returns nothing, keeps the result live. */
export function spin(k) {
  let x = sink | 1
  for (let j = 0; j < k; j++) x = (Math.imul(x, 1103515245) + 12345) | 0
  sink = x
}

/** Median µs of `calls` timed calls of spin(k). */
function timedMedian(k, calls) {
  const samples = new Float64Array(calls)
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint()
    spin(k)
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000
  }
  samples.sort()
  return samples[calls >> 1]
}

/**
 * Iteration count whose timed median is `targetUs` (within 2 %, at most 12 rounds of proportional
 * correction, which converges because the timer's fixed overhead is below the target).
 * Returns `{ iterations, medianUs, rounds }`.
 */
export function calibrateSpin(targetUs, { calls = 3_000 } = {}) {
  let k = 1_000
  for (let i = 0; i < 3; i++) timedMedian(k, calls) // warm up: let the JIT optimize spin()
  let medianUs = timedMedian(k, calls)
  let rounds = 0
  while (rounds < 12 && Math.abs(medianUs - targetUs) > 0.02 * targetUs) {
    rounds++
    k = Math.max(1, Math.round((k * targetUs) / medianUs))
    medianUs = timedMedian(k, calls)
  }
  return { iterations: k, medianUs, rounds }
}
