import type { InputObject } from '@polytrack/core'
import { sha1Hex, type FlagValue } from '@polytrack/core/adapter'

/** What is known about one flag call, for its `$feature_flag_called` event. */
export interface FlagCall {
  key: string
  distinctId: string
  value: FlagValue | undefined
  groups: Record<string, string> | undefined
  locallyEvaluated: boolean
  id?: number | undefined
  version?: number | undefined
  reason?: string | undefined
  hasExperiment?: boolean | undefined
  requestId?: string | undefined
  evaluatedAt?: number | undefined
  definitionsLoadedAt?: number | undefined
  /** posthog-node's `$feature_flag_error`, comma-joined. */
  error?: string | undefined
}

/**
 * The properties posthog-node 5.70 puts on `$feature_flag_called`: `$feature_flag`,
 * `$feature_flag_response`, `$feature/<key>`, `locally_evaluated`, `$feature_flag_id`,
 * `$feature_flag_version`, `$feature_flag_reason` (`'Evaluated locally'` for a local answer, else
 * the server's), `$feature_flag_request_id`, `$feature_flag_evaluated_at`,
 * `$feature_flag_has_experiment`, `$feature_flag_definitions_loaded_at` (local answers),
 * `$feature_flag_error`, and `$groups` when the call had groups. Absent values are left out.
 */
export function flagCalledProperties(call: FlagCall): InputObject {
  const properties: Record<string, InputObject[string]> = {
    $feature_flag: call.key,
    $feature_flag_response: call.value,
    $feature_flag_id: call.id,
    $feature_flag_version: call.version,
    $feature_flag_reason: call.reason,
    locally_evaluated: call.locallyEvaluated,
    [`$feature/${call.key}`]: call.value,
    $feature_flag_request_id: call.requestId,
    $feature_flag_evaluated_at: call.evaluatedAt,
    $feature_flag_has_experiment: call.hasExperiment,
    $feature_flag_definitions_loaded_at: call.definitionsLoadedAt,
    $feature_flag_error: call.error,
  }
  if (call.groups && Object.keys(call.groups).length > 0) properties.$groups = { ...call.groups }
  for (const name of Object.keys(properties)) if (properties[name] === undefined) delete properties[name]
  return properties
}

/** Most (flag, value, groups) combinations remembered per distinct id. */
export const MAX_CALLS_PER_DISTINCT_ID = 1_000

/** Most combinations remembered over all distinct ids. */
export const MAX_CALLS_REMEMBERED = 1_000_000

/** Combinations and ids longer than this are remembered by their SHA-1 (fixed size). */
const LONG = 128

/** Optional bounds of a {@link FlagCalledCache} (defaults: the constants above). */
export interface FlagCalledCacheLimits {
  /** Most combinations per distinct id (the least recently seen are forgotten first). */
  maxPerId?: number
  /** Most combinations over all ids (the least recently used ids are forgotten first). */
  maxEntries?: number
}

function compact(text: string): string {
  return text.length <= LONG ? text : `\u0000sha1:${sha1Hex(text)}`
}

/**
 * Remembers which (flag, value, groups) each distinct id has already reported, so that
 * `$feature_flag_called` is sent once per combination, like posthog-node. Unlike posthog-node it
 * is bounded in every direction: at most `maxDistinctIds` distinct ids (least recently used
 * evicted first; the current one is always kept), at most {@link MAX_CALLS_PER_DISTINCT_ID}
 * combinations per id and {@link MAX_CALLS_REMEMBERED} in all, and combinations or ids longer
 * than 128 characters are kept as a hash. A forgotten combination is reported again.
 */
export class FlagCalledCache {
  private readonly seen = new Map<string, Set<string>>()
  private readonly maxPerId: number
  private readonly maxEntries: number
  private total = 0
  private chars = 0

  constructor(
    private readonly maxDistinctIds: number,
    limits: FlagCalledCacheLimits = {},
  ) {
    this.maxPerId = Math.max(limits.maxPerId ?? MAX_CALLS_PER_DISTINCT_ID, 1)
    this.maxEntries = Math.max(limits.maxEntries ?? MAX_CALLS_REMEMBERED, 1)
  }

  /** Records the call; true when it was not seen before (an event should be sent). */
  firstTime(call: Pick<FlagCall, 'key' | 'distinctId' | 'value' | 'groups'>): boolean {
    const groups = call.groups ?? {}
    const suffix =
      Object.keys(groups).length > 0 ? `_${JSON.stringify(Object.entries(groups).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}` : ''
    const entry = compact(`${call.key}_${String(call.value)}${suffix}`)
    const id = compact(call.distinctId)
    let reported = this.seen.get(id)
    if (reported === undefined) {
      reported = new Set<string>()
      this.chars += id.length
    } else {
      this.seen.delete(id)
    }
    this.seen.set(id, reported)
    if (reported.delete(entry)) {
      reported.add(entry) // most recently seen last
      return false
    }
    reported.add(entry)
    this.total++
    this.chars += entry.length
    if (reported.size > this.maxPerId) this.forgetOldest(reported)
    this.evictIds()
    return true
  }

  /** Number of distinct ids remembered. */
  get size(): number {
    return this.seen.size
  }

  /** Number of combinations remembered over all ids. */
  get entries(): number {
    return this.total
  }

  /** Characters held in remembered ids and combinations (what the cache costs in memory). */
  get retainedChars(): number {
    return this.chars
  }

  private forgetOldest(reported: Set<string>): void {
    const oldest = reported.values().next().value
    if (oldest === undefined) return
    reported.delete(oldest)
    this.total--
    this.chars -= oldest.length
  }

  private evictIds(): void {
    while (this.seen.size > Math.max(this.maxDistinctIds, 1) || (this.total > this.maxEntries && this.seen.size > 1)) {
      const oldest = this.seen.keys().next().value
      if (oldest === undefined) break
      const entries = this.seen.get(oldest) as Set<string>
      this.seen.delete(oldest)
      this.total -= entries.size
      this.chars -= oldest.length
      for (const entry of entries) this.chars -= entry.length
    }
  }
}
