import type { Clock } from './clock.js'

interface Timer {
  at: number
  order: number
  fire: () => void
  cancelled: boolean
}

/**
 * A clock that moves only when told to, for deterministic tests of retry, backoff and batching:
 * `advance(ms)` fires, in time order, every sleep and tick that falls due, letting promise
 * callbacks run between them.
 */
export class ManualClock implements Clock {
  private time = 0
  private order = 0
  private timers: Timer[] = []

  now(): number {
    return this.time
  }

  /** Sleeps not yet due (for assertions such as "the lane is waiting 30 s before probing"). */
  get pendingSleeps(): number[] {
    return this.timers.filter((t) => !t.cancelled).map((t) => t.at - this.time)
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason)
        return
      }
      const timer = this.schedule(ms, () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      })
      const onAbort = (): void => {
        timer.cancelled = true
        reject(signal.reason)
      }
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  every(ms: number, tick: () => void): () => void {
    let current: Timer
    const arm = (): void => {
      current = this.schedule(ms, () => {
        arm()
        tick()
      })
    }
    arm()
    return () => {
      current.cancelled = true
    }
  }

  /** Moves time forward by `ms`, firing what falls due in order; settles promises between timers. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    await settle()
    for (;;) {
      const next = this.nextDue(end)
      if (next === undefined) break
      this.timers.splice(this.timers.indexOf(next), 1)
      this.time = next.at
      next.fire()
      await settle()
    }
    this.time = end
    await settle()
  }

  private schedule(ms: number, fire: () => void): Timer {
    const timer = { at: this.time + Math.max(0, ms), order: this.order++, fire, cancelled: false }
    this.timers.push(timer)
    return timer
  }

  private nextDue(end: number): Timer | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled)
    let best: Timer | undefined
    for (const t of this.timers)
      if (t.at <= end && (best === undefined || t.at < best.at || (t.at === best.at && t.order < best.order))) best = t
    return best
  }
}

/** Lets pending promise callbacks (and the I/O-free work they start) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}
