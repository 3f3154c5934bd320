import type { SpoolTimers } from '../../src/timers.js'

/** Timers that fire only when a test says so (`fire()` runs everything due, `advance(ms)` moves time). */
export class ManualTimers implements SpoolTimers {
  private time = 0
  private timers: { at: number; fire: () => void; cancelled: boolean }[] = []

  after(ms: number, fire: () => void): () => void {
    const timer = { at: this.time + ms, fire, cancelled: false }
    this.timers.push(timer)
    return () => {
      timer.cancelled = true
    }
  }

  /** Delays of the timers waiting, from now. */
  get pending(): number[] {
    return this.timers.filter((t) => !t.cancelled).map((t) => t.at - this.time)
  }

  /** Moves time by `ms`, firing what falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (due === undefined) break
      this.timers.splice(this.timers.indexOf(due), 1)
      this.time = due.at
      due.fire()
    }
    this.time = end
  }
}
