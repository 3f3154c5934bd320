/**
 * The Segment-spec view of a recorded message, shown by the inspector beside the vendor payload.
 * Pure.
 */
import { isRecord } from './protocol-result.js'
import type { RecordedMessage } from './types.js'
import { VENDORS } from './vendors.js'
import { fromAmplitude, fromMixpanel } from './vendor-protocol-spec-view.js'

function pick(source: Record<string, unknown>, entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value
  for (const key of ['timestamp', 'context']) if (source[key] !== undefined) out[key] = source[key]
  return out
}

function withoutKeys(value: unknown, drop: readonly string[]): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) if (!drop.includes(key)) out[key] = item
  return out
}

/** Maps a PostHog capture item back to the Segment message it stands for (best effort). */
function fromPostHog(message: RecordedMessage, item: Record<string, unknown>): Record<string, unknown> {
  const props = isRecord(item.properties) ? item.properties : {}
  const base = { type: message.type, messageId: message.id === '' ? undefined : message.id, userId: message.userId }
  switch (message.type) {
    case 'identify':
      return pick(item, { ...base, anonymousId: props.$anon_distinct_id, traits: props.$set ?? {} })
    case 'alias':
      return pick(item, { ...base, previousId: props.alias })
    case 'group':
      return pick(item, { ...base, groupType: props.$group_type, groupId: props.$group_key, traits: props.$group_set ?? {} })
    case 'page':
      return pick(item, { ...base, name: props.title ?? props.$current_url, properties: withoutKeys(props, ['$set', '$set_once']) })
    case 'screen':
      return pick(item, { ...base, name: props.$screen_name, properties: withoutKeys(props, ['$screen_name', '$set', '$set_once']) })
    default:
      return pick(item, { ...base, event: item.event, properties: withoutKeys(props, ['$set', '$set_once']) })
  }
}

/**
 * The Segment-spec message of a recorded message: the item itself (with its `type`) for the
 * Segment family; for PostHog, the event mapped back (`$identify` → identify with `$set` as traits,
 * `$groupidentify` → group, `$create_alias` → alias, `$pageview` → page, `$screen` → screen,
 * anything else → track with `properties`).
 */
export function specView(message: RecordedMessage, payload: unknown = message.payload): Record<string, unknown> {
  if (!isRecord(payload)) return { type: message.type, payload }
  if (VENDORS[message.vendor].protocol === 'posthog') return fromPostHog(message, payload)
  if (VENDORS[message.vendor].protocol === 'amplitude') return fromAmplitude(message, payload)
  if (VENDORS[message.vendor].protocol === 'mixpanel') return fromMixpanel(message, payload)
  return { type: message.type, ...payload }
}
