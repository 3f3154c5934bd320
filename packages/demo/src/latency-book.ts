/** Delivery latency per destination: from the call to the vendor's acknowledgement. */
export class LatencyBook {
  private readonly calledAt = new Map<string, number>()
  private readonly samples = new Map<string, number[]>()

  /** Remembers when a message was sent (call it right after `track()` and friends). */
  called(messageId: string, at = performance.now()): void {
    this.calledAt.set(messageId, at)
  }

  /** Records the delivery of messages to a destination. */
  delivered(destination: string, messageIds: readonly string[], at = performance.now()): void {
    const list = this.samples.get(destination) ?? []
    for (const id of messageIds) {
      const start = this.calledAt.get(id)
      if (start !== undefined) list.push(at - start)
    }
    this.samples.set(destination, list)
  }

  /** The p-th percentile (0–100) of a destination's latencies in ms, or `NaN` without samples. */
  percentile(destination: string, p: number): number {
    const list = [...(this.samples.get(destination) ?? [])].sort((a, b) => a - b)
    if (list.length === 0) return Number.NaN
    return list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] as number
  }
}
