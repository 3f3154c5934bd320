/**
 * Per-vendor queues of scripted fault steps, plus the `'*'` queue shared by every vendor.
 */
import type { FaultStep, FaultTarget, VendorName } from './types.js'

export type { FaultTarget }

/** Scripted fault steps waiting for requests. */
export class FaultQueue {
  readonly #queues = new Map<FaultTarget, FaultStep[]>()

  /** Appends steps to the queue of `target`. */
  push(target: FaultTarget, steps: readonly FaultStep[]): void {
    const queue = this.#queues.get(target)
    if (queue === undefined) this.#queues.set(target, [...steps])
    else queue.push(...steps)
  }

  /**
   * Takes the next step for `vendor`: the `first` queue when given (e.g. `'posthog-flags'`), then
   * the vendor's own queue, then the `'*'` queue.
   */
  next(vendor: VendorName, first?: FaultTarget): FaultStep | undefined {
    const early = first === undefined ? undefined : this.#queues.get(first)?.shift()
    return early ?? this.#queues.get(vendor)?.shift() ?? this.#queues.get('*')?.shift()
  }

  /** Number of steps waiting per target. */
  pending(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [target, queue] of this.#queues) if (queue.length > 0) out[target] = queue.length
    return out
  }

  /** Drops every pending step. */
  clear(): void {
    this.#queues.clear()
  }
}
