import type { FlagValue, InputObject } from '@polytrack/core'

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

/**
 * Remembers which (flag, value, groups) each distinct id has already reported, so that
 * `$feature_flag_called` is sent once per combination, like posthog-node: at most `maxDistinctIds`
 * distinct ids are kept, the least recently used evicted first (the current one is always kept).
 */
export class FlagCalledCache {
  private readonly seen = new Map<string, Set<string>>()

  constructor(private readonly maxDistinctIds: number) {}

  /** Records the call; true when it was not seen before (an event should be sent). */
  firstTime(call: Pick<FlagCall, 'key' | 'distinctId' | 'value' | 'groups'>): boolean {
    const groups = call.groups ?? {}
    const suffix =
      Object.keys(groups).length > 0
        ? `_${JSON.stringify(Object.entries(groups).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`
        : ''
    const entry = `${call.key}_${String(call.value)}${suffix}`
    const reported = this.seen.get(call.distinctId) ?? new Set<string>()
    this.seen.delete(call.distinctId)
    this.seen.set(call.distinctId, reported)
    if (reported.has(entry)) return false
    reported.add(entry)
    while (this.seen.size > Math.max(this.maxDistinctIds, 1)) {
      const oldest = this.seen.keys().next().value
      if (oldest === undefined) break
      this.seen.delete(oldest)
    }
    return true
  }

  /** Number of distinct ids remembered. */
  get size(): number {
    return this.seen.size
  }
}
