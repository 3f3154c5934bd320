import type { ItemVerdicts } from '@polytrack/core/adapter'

/**
 * Amplitude's partial answers as data. A 400 may list the events it refused (by index); a 429
 * names throttled events and users or devices over their daily quota. Amplitude's guidance (and
 * @amplitude/analytics-node): drop the listed events or ids, send the rest again (throttled ones
 * after a pause). The adapter gives these as item verdicts (`Destination.interpretAnswer`), and
 * refuses up front what it knows Amplitude would refuse (short ids).
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

/** How long @amplitude/analytics-node waits before sending throttled events again, in ms. */
export const AMPLITUDE_THROTTLE_WAIT_MS = 30_000

/**
 * Item verdicts on an Amplitude answer, as @amplitude/analytics-node acts on it: a 400 that lists
 * invalid events refuses those and sends the others again (none of the request was ingested); a
 * 429 refuses the events of users and devices over their daily quota and sends the others again,
 * after 30 s when some were throttled. Anything else (a 400 for a bad key or a missing field, a 429
 * without details) is left to the status. Pure.
 */
export function amplitudeVerdicts(status: number, body: string | undefined, items: readonly string[]): ItemVerdicts | undefined {
  if ((status !== 400 && status !== 429) || body === undefined) return undefined
  const answer = parseAmplitudeAnswer(body)
  if (answer === undefined) return undefined
  const all = items.map((_, i) => i)
  if (status === 400) {
    if (answer.refused.length === 0) return undefined
    const refused = new Set(answer.refused)
    return {
      refused: answer.refused,
      retry: all.filter((i) => !refused.has(i)),
      reason: `Amplitude refused ${refused.size} event(s) as invalid`,
    }
  }
  const users = new Set(answer.overQuotaUsers)
  const devices = new Set(answer.overQuotaDevices)
  const refused = all.filter((i) => {
    const event = parseEvent(items[i] as string)
    return (
      (typeof event.user_id === 'string' && users.has(event.user_id)) ||
      (typeof event.device_id === 'string' && devices.has(event.device_id))
    )
  })
  const refusedSet = new Set(refused)
  return {
    refused,
    retry: all.filter((i) => !refusedSet.has(i)),
    ...(answer.throttled.length > 0 ? { retryAfterMs: AMPLITUDE_THROTTLE_WAIT_MS } : {}),
    reason: `Amplitude refused ${refused.length} event(s) of users or devices over their daily quota`,
  }
}

function parseEvent(item: string): { user_id?: unknown; device_id?: unknown } {
  try {
    return JSON.parse(item) as { user_id?: unknown; device_id?: unknown }
  } catch {
    return {}
  }
}
