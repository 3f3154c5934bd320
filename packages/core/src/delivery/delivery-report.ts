/** Counts of one destination, or of all. */
export interface DeliveryCounts {
  /** Messages the vendor accepted. */
  delivered: number
  /** Messages the vendor refused, or whose retries ran out. */
  failed: number
  /** Messages never sent: queue full, sent after close, too large for this vendor, or a middleware threw. */
  dropped: number
  /** Messages left out on purpose: the integrations map or a middleware. */
  filtered: number
  /** Messages still queued or in flight (when `close()` timed out). */
  pending: number
}

/** What `close()` resolves with. */
export interface DeliveryReport extends DeliveryCounts {
  /** `true` when `close()` stopped at its timeout. */
  timedOut: boolean
  byDestination: Record<string, DeliveryCounts>
}

/** A zeroed set of counts. */
export function emptyCounts(): DeliveryCounts {
  return { delivered: 0, failed: 0, dropped: 0, filtered: 0, pending: 0 }
}

/** Adds up per-destination counts into a report. */
export function buildReport(byDestination: Record<string, DeliveryCounts>, timedOut: boolean): DeliveryReport {
  const total = emptyCounts()
  for (const counts of Object.values(byDestination)) {
    total.delivered += counts.delivered
    total.failed += counts.failed
    total.dropped += counts.dropped
    total.filtered += counts.filtered
    total.pending += counts.pending
  }
  return { ...total, timedOut, byDestination }
}
