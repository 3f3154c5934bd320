import { integrationOptions, ValidationError, type JsonObject, type JsonValue, type Message } from '@polytrack/core/adapter'

/** One event of Amplitude's `events` array (HTTP V2 and Batch APIs). */
export interface AmplitudeEvent {
  event_type: string
  user_id?: string
  device_id?: string
  /** Epoch milliseconds. */
  time: number
  /** Amplitude deduplicates on it (7 days): the message's `messageId`. */
  insert_id: string
  event_properties?: JsonObject
  user_properties?: JsonObject
  groups?: JsonObject
  group_properties?: JsonObject
  ip?: string
  language?: string
  /** `<name>/<version>` of the sending library (`context.library`). */
  library: string
}

/** What the translation needs besides the message. */
export interface AmplitudeEventSettings {
  /** Shortest id accepted (Amplitude's `min_id_length`). */
  minIdLength: number
  /** Group type when the call names none. */
  groupType: string
  /** Names the integrations map uses for Amplitude (for `integrations.Amplitude.groupType`). */
  integrationNames: readonly string[]
}

/** Event type of `page` calls: the name Amplitude's own browser SDK gives page views. */
export const AMPLITUDE_PAGE_EVENT = '[Amplitude] Page Viewed'
/** Event type of `screen` calls: the name Amplitude's own mobile SDKs give screen views. */
export const AMPLITUDE_SCREEN_EVENT = '[Amplitude] Screen Viewed'

function id(value: unknown, field: string, minIdLength: number): string | undefined {
  if (value === undefined || value === null) return undefined
  const text = String(value)
  if (text.length < minIdLength) {
    throw new ValidationError(
      field,
      `is shorter than ${minIdLength} characters, which Amplitude refuses (lower it with the minIdLength option)`,
    )
  }
  return text
}

/** The call's group type: `integrations.Amplitude.groupType` (any of its names), else the default. */
export function amplitudeGroupType(message: Message, settings: AmplitudeEventSettings): string {
  const type = integrationOptions(message.integrations, settings.integrationNames)?.groupType
  if (typeof type === 'string' && type !== '') return type
  return settings.groupType
}

/** `identify` traits as Amplitude user-property operations: `$set` (and `$setOnce` from `traits.$set_once`). */
function userPropertyOperations(traits: JsonObject): JsonObject {
  const { $set, $set_once, ...rest } = traits
  const operations: JsonObject = { $set: ($set as JsonValue | undefined) ?? rest }
  if ($set_once !== undefined) operations.$setOnce = $set_once
  return operations
}

function withNames(properties: JsonObject, entries: Record<string, string | undefined>): JsonObject {
  const out: JsonObject = { ...properties }
  for (const [key, value] of Object.entries(entries)) if (value !== undefined && out[key] === undefined) out[key] = value
  return out
}

/**
 * Translates a Segment-spec message into one Amplitude event (see docs/vendors/amplitude.md for
 * the table): `user_id` from `userId`, `device_id` from `anonymousId`, `time` from `timestamp`,
 * `insert_id` = `messageId`; track → the event with `event_properties`; identify → `$identify` with
 * `user_properties` operations; group → `$groupidentify` with `groups` and `group_properties`;
 * page/screen → Amplitude's page and screen view events; alias → `$identify` carrying both ids,
 * which is how Amplitude merges a device into a user. Throws a `ValidationError` for an id Amplitude
 * would refuse (shorter than `minIdLength`). Pure.
 */
export function toAmplitudeEvent(message: Message, settings: AmplitudeEventSettings): AmplitudeEvent {
  const min = settings.minIdLength
  const event: AmplitudeEvent = { event_type: '', time: Date.parse(message.timestamp), insert_id: message.messageId, library: '' }
  const userId = id(message.userId, 'userId', min)
  if (userId !== undefined) event.user_id = userId
  const deviceId = message.type === 'alias' ? id(message.previousId, 'previousId', min) : id(message.anonymousId, 'anonymousId', min)
  if (deviceId !== undefined) event.device_id = deviceId
  switch (message.type) {
    case 'track':
      event.event_type = message.event
      event.event_properties = { ...message.properties }
      break
    case 'page':
      event.event_type = AMPLITUDE_PAGE_EVENT
      event.event_properties = withNames(message.properties, { name: message.name, category: message.category })
      break
    case 'screen':
      event.event_type = AMPLITUDE_SCREEN_EVENT
      event.event_properties = withNames(message.properties, { '[Amplitude] Screen Name': message.name, category: message.category })
      break
    case 'identify':
      event.event_type = '$identify'
      event.user_properties = userPropertyOperations(message.traits)
      break
    case 'group':
      event.event_type = '$groupidentify'
      event.groups = { [amplitudeGroupType(message, settings)]: String(message.groupId) }
      event.group_properties = { $set: { ...message.traits } }
      break
    case 'alias':
      event.event_type = '$identify'
      event.user_properties = {}
      break
  }
  const context = message.context as { ip?: unknown; locale?: unknown }
  if (typeof context.ip === 'string') event.ip = context.ip
  if (typeof context.locale === 'string') event.language = context.locale
  event.library = `${message.context.library.name}/${message.context.library.version}`
  return event
}

/** The JSON text of {@link toAmplitudeEvent}'s event. Pure. */
export function encodeAmplitudeEvent(message: Message, settings: AmplitudeEventSettings): string {
  return JSON.stringify(toAmplitudeEvent(message, settings))
}
