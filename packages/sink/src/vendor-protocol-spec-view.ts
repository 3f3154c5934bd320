/**
 * The Segment-spec view (shown by the inspector beside the vendor payload) of Amplitude and
 * Mixpanel records, mapped back best effort. Pure.
 */
import { isRecord } from './protocol-result.js'
import type { RecordedMessage } from './types.js'

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value
  return out
}

function isoTime(ms: unknown): string | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms < 1e11 ? ms * 1000 : ms).toISOString() : undefined
}

/** An Amplitude event as the Segment message it stands for. */
export function fromAmplitude(message: RecordedMessage, item: Record<string, unknown>): Record<string, unknown> {
  const userProps = isRecord(item.user_properties) ? item.user_properties : {}
  const groupProps = isRecord(item.group_properties) ? item.group_properties : {}
  const base = { type: message.type, messageId: item.insert_id, userId: item.user_id, anonymousId: item.device_id, timestamp: isoTime(item.time) }
  switch (message.type) {
    case 'identify':
      return defined({ ...base, traits: userProps.$set ?? {} })
    case 'group': {
      const [groupType, groupId] = Object.entries(isRecord(item.groups) ? item.groups : {})[0] ?? []
      return defined({ ...base, groupType, groupId, traits: groupProps.$set ?? {} })
    }
    case 'page':
    case 'screen': {
      const props = isRecord(item.event_properties) ? item.event_properties : {}
      return defined({ ...base, name: props.name ?? props['[Amplitude] Screen Name'], properties: props })
    }
    default:
      return defined({ ...base, event: item.event_type, properties: item.event_properties ?? {} })
  }
}

/** A Mixpanel event or profile update as the Segment message it stands for. */
export function fromMixpanel(message: RecordedMessage, item: Record<string, unknown>): Record<string, unknown> {
  if (item.$distinct_id !== undefined) return defined({ type: 'identify', userId: item.$distinct_id, traits: item.$set ?? {}, timestamp: isoTime(item.$time) })
  if (item.$group_key !== undefined) return defined({ type: 'group', groupType: item.$group_key, groupId: item.$group_id, traits: item.$set ?? {} })
  const props = isRecord(item.properties) ? item.properties : {}
  const { distinct_id, $insert_id, time, token: _token, $device_id, $user_id: _user, ...rest } = props
  const base = { type: message.type, messageId: $insert_id, userId: distinct_id, anonymousId: $device_id, timestamp: isoTime(time) }
  if (message.type === 'page' || message.type === 'screen') return defined({ ...base, name: rest.name, properties: rest })
  if (message.type === 'identify' || message.type === 'alias') return defined({ ...base, previousId: rest.$anon_distinct_id })
  return defined({ ...base, event: item.event, properties: rest })
}
