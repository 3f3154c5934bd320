/**
 * Time as the delivery pipeline sees it: the one seam through which it reads the time, waits and
 * ticks, so tests can drive it with a manual clock instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since some fixed point (monotonic for the system clock). */
  now(): number
  /**
   * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. The wait alone
   * does not keep the process alive (`flush()` and `close()` hold it open while they wait).
   */
  sleep(ms: number, signal: AbortSignal): Promise<void>
  /** Calls `tick` every `ms` until the returned function is called; does not keep the process alive. */
  every(ms: number, tick: () => void): () => void
}

/** The real clock: `performance.now()` and unref()ed Node timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason)
        return
      }
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(signal.reason)
      }
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      timer.unref?.()
      signal.addEventListener('abort', onAbort, { once: true })
    })
  },
  every(ms, tick) {
    const timer = setInterval(tick, ms)
    timer.unref?.()
    return () => clearInterval(timer)
  },
}
