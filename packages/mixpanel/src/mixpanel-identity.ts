import { sha256Hex, ValidationError, type EncodeContext, type Message } from '@polytrack/core/adapter'

/** distinct_id values Mixpanel refuses as placeholders (compared case-insensitively). */
export const MIXPANEL_PLACEHOLDER_IDS: ReadonlySet<string> = new Set([
  'anon',
  'anonymous',
  'nil',
  'none',
  'null',
  'n/a',
  'undefined',
  '00000000-0000-0000-0000-000000000000',
])

const INSERT_ID = /^[A-Za-z0-9-]{1,36}$/
const EARLIEST_MS = Date.UTC(1971, 0, 1)
const HOUR_MS = 3_600_000
const TRACK_WINDOW_MS = 5 * 24 * HOUR_MS

/**
 * The `$insert_id` of a message: its `messageId` when Mixpanel takes it as is (at most 36
 * characters, letters, digits and `-`, as the core's UUIDs), else the first 32 hex digits of the
 * SHA-256 of the `messageId`, so that a message sent again gets the same id and is deduplicated. Pure.
 */
export function mixpanelInsertId(messageId: string): string {
  return INSERT_ID.test(messageId) ? messageId : sha256Hex(messageId).slice(0, 32)
}

/** Refuses a placeholder id Mixpanel would reject, naming the field. Returns the id as a string. */
export function checkedId(value: string | number, field: string): string {
  const text = String(value)
  if (MIXPANEL_PLACEHOLDER_IDS.has(text.toLowerCase())) {
    throw new ValidationError(field, `is "${text}", a placeholder Mixpanel refuses as a distinct id`)
  }
  return text
}

/** `distinct_id`: the `userId`, else the `anonymousId` (checked against Mixpanel's placeholders). */
export function distinctIdOf(message: Message): string {
  if (message.userId !== undefined) return checkedId(message.userId, 'userId')
  return checkedId(message.anonymousId as string, 'anonymousId')
}

/**
 * The event time in epoch ms, checked as Mixpanel checks it: after 1971-01-01 and at most one hour
 * after the call; on `/track`, also not older than 5 days before the call. Pure (relative to the call time).
 */
export function eventTimeMs(message: Message, context: EncodeContext, endpoint: 'import' | 'track'): number {
  const time = Date.parse(message.timestamp)
  const callTime = Date.parse(context.callTime)
  if (time < EARLIEST_MS) throw new ValidationError('timestamp', 'is before 1971-01-01, which Mixpanel refuses')
  if (Number.isFinite(callTime) && time > callTime + HOUR_MS)
    throw new ValidationError('timestamp', 'is more than one hour in the future, which Mixpanel refuses')
  if (endpoint === 'track' && Number.isFinite(callTime) && time < callTime - TRACK_WINDOW_MS) {
    throw new ValidationError(
      'timestamp',
      "is older than 5 days, which Mixpanel's /track refuses; use endpoint: 'import' with a service account",
    )
  }
  return time
}
