/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 * The timer is unref()ed: a pending retry alone does not keep the process alive
 * (`flush()` and `close()` hold the process open while they wait).
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    timer.unref()
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
