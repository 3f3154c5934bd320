import { ValidationError, type EncodeContext, type JsonObject, type Message } from '@polytrack/core/adapter'
import { distinctIdOf, checkedId, eventTimeMs, mixpanelInsertId } from './mixpanel-identity.js'

/** One event of Mixpanel's `/import` or `/track`. */
export interface MixpanelEvent {
  event: string
  properties: JsonObject
}

/** What the event translation needs besides the message. */
export interface MixpanelEventSettings {
  token: string
  endpoint: 'import' | 'track'
}

/** Event name of `page` calls (Mixpanel's Segment integration's name). */
export const MIXPANEL_PAGE_EVENT = 'Loaded a Page'
/** Event name of `screen` calls. */
export const MIXPANEL_SCREEN_EVENT = 'Loaded a Screen'
/** Event name of identity merges (identify with both ids, and alias). */
export const MIXPANEL_IDENTIFY_EVENT = '$identify'

/**
 * Does the message become an event? track, page, screen and alias always; identify when it has
 * both a `userId` and an `anonymousId` (the merge; its traits go to the profile lane).
 */
export function isMixpanelEvent(message: Message): boolean {
  if (message.type === 'group') return false
  if (message.type === 'identify') return message.userId !== undefined && message.anonymousId !== undefined
  return true
}

function named(properties: JsonObject, name: string | undefined, category: string | undefined): JsonObject {
  const out: JsonObject = { ...properties }
  if (name !== undefined && out.name === undefined) out.name = name
  if (category !== undefined && out.category === undefined) out.category = category
  return out
}

/**
 * Translates a message into a Mixpanel event (see docs/vendors/mixpanel.md), with Simplified ID
 * Merge identity: `distinct_id` is the `userId`, else the `anonymousId`; `$user_id` and `$device_id`
 * carry the ids the message has (an event carrying both merges the device into the user); alias
 * merges `previousId` as the device. `time` is the timestamp in ms, `$insert_id` the messageId (see
 * `mixpanelInsertId`), then `token`, `mp_lib`, `$lib_version` as the official SDK adds them.
 * Throws a `ValidationError` for what Mixpanel would refuse: a placeholder id, a time out of range,
 * 255 properties or more. Pure.
 */
export function toMixpanelEvent(message: Message, context: EncodeContext, settings: MixpanelEventSettings): MixpanelEvent {
  let event: string
  let own: JsonObject
  let deviceId = message.anonymousId === undefined ? undefined : checkedId(message.anonymousId, 'anonymousId')
  switch (message.type) {
    case 'track':
      event = message.event
      own = { ...message.properties }
      break
    case 'page':
      event = MIXPANEL_PAGE_EVENT
      own = named(message.properties, message.name, message.category)
      break
    case 'screen':
      event = MIXPANEL_SCREEN_EVENT
      own = named(message.properties, message.name, message.category)
      break
    case 'alias':
      event = MIXPANEL_IDENTIFY_EVENT
      deviceId = checkedId(message.previousId, 'previousId')
      own = { $anon_distinct_id: deviceId }
      break
    case 'identify':
      event = MIXPANEL_IDENTIFY_EVENT
      own = deviceId === undefined ? {} : { $anon_distinct_id: deviceId }
      break
    default:
      throw new ValidationError('type', `${message.type} has no Mixpanel event`)
  }
  const properties: JsonObject = {
    ...own,
    time: eventTimeMs(message, context, settings.endpoint),
    distinct_id: distinctIdOf(message),
    $insert_id: mixpanelInsertId(message.messageId),
  }
  if (message.userId !== undefined) properties.$user_id = String(message.userId)
  if (deviceId !== undefined) properties.$device_id = deviceId
  const ip = (message.context as { ip?: unknown }).ip
  if (typeof ip === 'string') properties.ip = ip
  properties.token = settings.token
  properties.mp_lib = message.context.library.name
  properties.$lib_version = message.context.library.version
  if (Object.keys(properties).length >= 255)
    throw new ValidationError('properties', 'has 255 or more properties (with those Polytrack adds), which Mixpanel refuses')
  return { event, properties }
}
