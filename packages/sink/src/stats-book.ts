/**
 * Counters per vendor, including messageId de-duplication over every message ever accepted.
 */
import type { SinkStats, VendorName, VendorStats } from './types.js'

/** An empty {@link VendorStats}. */
export function emptyVendorStats(): VendorStats {
  return {
    requests: 0,
    accepted: 0,
    rejectedRequests: 0,
    statuses: {},
    bytes: 0,
    gzipRequests: 0,
    uniqueIds: 0,
    duplicates: 0,
    byType: {},
  }
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count
}

/** Sums `parts` into one {@link VendorStats}. Pure. */
export function sumVendorStats(parts: readonly VendorStats[]): VendorStats {
  const total = emptyVendorStats()
  for (const part of parts) {
    total.requests += part.requests
    total.accepted += part.accepted
    total.rejectedRequests += part.rejectedRequests
    total.bytes += part.bytes
    total.gzipRequests += part.gzipRequests
    total.uniqueIds += part.uniqueIds
    total.duplicates += part.duplicates
    addCounts(total.statuses, part.statuses)
    addCounts(total.byType, part.byType)
  }
  return total
}

function copyVendorStats(stats: VendorStats): VendorStats {
  return { ...stats, statuses: { ...stats.statuses }, byType: { ...stats.byType } }
}

interface VendorBook {
  stats: VendorStats
  ids: Set<string>
}

/** What one request contributes to the counters. */
export interface RequestOutcome {
  /** Status code as a string, or `'drop'` / `'aborted'`. */
  outcome: string
  ok: boolean
  bytes: number
  gzip: boolean
}

/** Mutable counters for every vendor. */
export class StatsBook {
  readonly #books = new Map<VendorName, VendorBook>()

  #book(vendor: VendorName): VendorBook {
    let book = this.#books.get(vendor)
    if (book === undefined) {
      book = { stats: emptyVendorStats(), ids: new Set() }
      this.#books.set(vendor, book)
    }
    return book
  }

  /** Counts one request of `vendor`. */
  countRequest(vendor: VendorName, request: RequestOutcome): void {
    const { stats } = this.#book(vendor)
    stats.requests++
    if (!request.ok) stats.rejectedRequests++
    stats.statuses[request.outcome] = (stats.statuses[request.outcome] ?? 0) + 1
    stats.bytes += request.bytes
    if (request.gzip) stats.gzipRequests++
  }

  /**
   * Counts one accepted message. An empty `id` is not tracked for de-duplication.
   *
   * @returns true when `id` had already been seen for `vendor`
   */
  countMessage(vendor: VendorName, type: string, id: string): boolean {
    const book = this.#book(vendor)
    const { stats, ids } = book
    stats.accepted++
    stats.byType[type] = (stats.byType[type] ?? 0) + 1
    if (id === '') return false
    if (ids.has(id)) {
      stats.duplicates++
      return true
    }
    ids.add(id)
    stats.uniqueIds = ids.size
    return false
  }

  /** A deep copy of the counters. */
  snapshot(): SinkStats {
    const byVendor: Partial<Record<VendorName, VendorStats>> = {}
    for (const [vendor, book] of this.#books) byVendor[vendor] = copyVendorStats(book.stats)
    return { total: sumVendorStats(Object.values(byVendor)), byVendor }
  }

  /** Forgets everything. */
  clear(): void {
    this.#books.clear()
  }
}
