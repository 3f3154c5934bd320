/**
 * Amplitude's partial answers as data. A 400 may list the events it refused (by index) while the
 * others were fine; a 429 names throttled events and users or devices over their daily quota.
 * Amplitude's guidance (and @amplitude/analytics-node): drop the listed events or ids, send the
 * rest again (throttled ones after a pause). The core's send path does not yet take such a split
 * from an adapter; the adapter refuses up front what it knows Amplitude would refuse (short ids),
 * and these functions are what a split would use.
 */

/** What an Amplitude 400 or 429 answer says about the events of the request. */
export interface AmplitudeAnswer {
  /** Indexes of events Amplitude refused for good (invalid, missing fields, short ids, silenced). */
  refused: number[]
  /** Indexes of events throttled (send again later). */
  throttled: number[]
  /** User ids and device ids over their daily quota (their events are dropped, as the SDK does). */
  overQuotaUsers: string[]
  overQuotaDevices: string[]
}

function indexes(value: unknown): number[] {
  if (Array.isArray(value)) return value.filter((v): v is number => Number.isInteger(v))
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(indexes)
  return []
}

function keysOf(value: unknown): string[] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
}

/**
 * Reads an Amplitude error body (`serverText` of a failed delivery, or a response body). Returns
 * `undefined` when it is not JSON. Pure.
 */
export function parseAmplitudeAnswer(body: string): AmplitudeAnswer | undefined {
  let json: Record<string, unknown>
  try {
    json = JSON.parse(body) as Record<string, unknown>
  } catch {
    return undefined
  }
  if (json === null || typeof json !== 'object') return undefined
  const refused = new Set([
    ...indexes(json.events_with_invalid_fields),
    ...indexes(json.events_with_missing_fields),
    ...indexes(json.events_with_invalid_id_lengths),
    ...indexes(json.silenced_events),
  ])
  return {
    refused: [...refused].sort((a, b) => a - b),
    throttled: indexes(json.throttled_events),
    overQuotaUsers: keysOf(json.exceeded_daily_quota_users),
    overQuotaDevices: keysOf(json.exceeded_daily_quota_devices),
  }
}
