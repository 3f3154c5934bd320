/**
 * How the Redis spool waits: the one seam for its heartbeat, its close budget and its read
 * retries, so tests drive them with a manual clock instead of sleeping. Timers never keep the
 * process alive.
 */
export interface SpoolTimers {
  /** Calls `fire` once after `ms`; the returned function cancels it. */
  after(ms: number, fire: () => void): () => void
}

/** Real, unref()ed Node timers. */
export const systemTimers: SpoolTimers = {
  after(ms, fire) {
    const timer = setTimeout(fire, ms)
    timer.unref?.()
    return () => clearTimeout(timer)
  },
}
