import type { SendResult } from './send-result.js'

/** What the gate tells its lane. */
export interface OutageListener {
  /** A batch ran out of retries: the lane stops starting batches and one batch probes. */
  paused(result: SendResult & { kind: 'retryable' }): void
  /** The vendor answered the probe (or any batch): the lane sends again. `pausedMs` is how long it waited. */
  resumed(): void
}

/**
 * One lane's outage state, when a spool keeps its messages. A transient failure never fails a
 * spooled batch: the first batch to run out of `maxRetries` pauses the lane and becomes its probe,
 * retrying at the capped backoff; every other batch of the lane waits for the probe instead of
 * retrying on its own, and the lane starts no new batch. The first answer that is not a transient
 * failure (a delivery, or a final refusal) resumes the lane and wakes the waiting batches.
 */
export class OutageGate {
  private probe: object | undefined
  private waiters: { resolve: () => void; reject: (reason: unknown) => void; signal: AbortSignal; onAbort: () => void }[] = []

  constructor(private readonly listener: OutageListener) {}

  /** Is the lane paused? */
  get paused(): boolean {
    return this.probe !== undefined
  }

  /** Is `token` the batch that probes? */
  isProbe(token: object): boolean {
    return this.probe === token
  }

  /** The batch `token` ran out of retries: pause the lane with it as the probe (if not paused already). */
  pause(token: object, result: SendResult & { kind: 'retryable' }): void {
    if (this.probe !== undefined) return
    this.probe = token
    this.listener.paused(result)
  }

  /** The vendor answered something other than a transient failure: resume, and wake the waiting batches. */
  answered(): void {
    if (this.probe === undefined) return
    this.probe = undefined
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal.removeEventListener('abort', waiter.onAbort)
      waiter.resolve()
    }
    this.listener.resumed()
  }

  /** Resolves once the lane resumes; rejects with the signal's reason when it aborts first. */
  whenResumed(signal: AbortSignal): Promise<void> {
    if (this.probe === undefined) return Promise.resolve()
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason)
        return
      }
      const waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.waiters = this.waiters.filter((w) => w !== waiter)
          reject(signal.reason)
        },
      }
      this.waiters.push(waiter)
      signal.addEventListener('abort', waiter.onAbort, { once: true })
    })
  }
}
