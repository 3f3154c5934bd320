/**
 * Per-vendor queues of scripted fault steps, plus the `'*'` queue shared by every vendor.
 */
import type { FaultStep, VendorName } from './types.js'

/** Target of {@link FaultQueue.push}: one vendor or `'*'` (any vendor). */
export type FaultTarget = VendorName | '*'

/** Scripted fault steps waiting for requests. */
export class FaultQueue {
  readonly #queues = new Map<FaultTarget, FaultStep[]>()

  /** Appends steps to the queue of `target`. */
  push(target: FaultTarget, steps: readonly FaultStep[]): void {
    const queue = this.#queues.get(target)
    if (queue === undefined) this.#queues.set(target, [...steps])
    else queue.push(...steps)
  }

  /** Takes the next step for `vendor`: its own queue first, then the `'*'` queue. */
  next(vendor: VendorName): FaultStep | undefined {
    return this.#queues.get(vendor)?.shift() ?? this.#queues.get('*')?.shift()
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
