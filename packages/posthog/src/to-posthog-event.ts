import type { JsonObject, Message, TrackMessage } from '@polytrack/core/adapter'
import { groupTypeOf } from './group-type.js'
import { aliasProperties, groupIdentifyProperties, identifyProperties } from './identity-properties.js'
import { pageviewProperties, screenProperties } from './page-properties.js'
import { postHogUuid } from './uuid-v7.js'

/** One item of PostHog's `/batch/` body. */
export interface PostHogEvent {
  event: string
  distinct_id: string
  properties: JsonObject
  timestamp: string
  uuid: string
}

/** What the translation needs besides the message. */
export interface PostHogEventSettings {
  /** Group type when the call names none. */
  groupType: string
  /** Names the integrations map uses for PostHog (for `integrations.PostHog.groupType`). */
  integrationNames: readonly string[]
  /** Add `$geoip_disable: true`. */
  disableGeoip: boolean
}

/**
 * Translates a Segment-spec message into a PostHog capture event, as posthog-node would send the
 * equivalent call (see docs/vendors/posthog.md for the table). `distinct_id` is the `userId`, else
 * the `anonymousId` with `$process_person_profile: false` (except on identify, which exists to set
 * person properties). Library properties (`$lib`, `$lib_version`, `$is_server`, `$geoip_disable`)
 * are added last, as posthog-node does. Pure.
 */
export function toPostHogEvent(message: Message, settings: PostHogEventSettings): PostHogEvent {
  const { event, properties } = eventAndProperties(message, settings)
  const anonymous = message.userId === undefined
  if (anonymous && message.type !== 'identify') properties.$process_person_profile = false
  properties.$lib = message.context.library.name
  properties.$lib_version = message.context.library.version
  properties.$is_server = true
  if (settings.disableGeoip) properties.$geoip_disable = true
  return {
    event,
    distinct_id: (message.userId ?? message.anonymousId) as string,
    properties,
    timestamp: message.timestamp,
    uuid: postHogUuid(message.messageId, message.timestamp),
  }
}

/** The PostHog event name and its own properties for one message. Pure. */
export function eventAndProperties(message: Message, settings: PostHogEventSettings): { event: string; properties: JsonObject } {
  switch (message.type) {
    case 'track':
      return { event: message.event, properties: { ...message.properties } }
    case 'page':
      return { event: '$pageview', properties: pageviewProperties(message) }
    case 'screen':
      return { event: '$screen', properties: screenProperties(message) }
    case 'identify':
      return { event: '$identify', properties: identifyProperties(message) }
    case 'group': {
      const groupType = groupTypeOf(message.integrations, settings.integrationNames, settings.groupType)
      return { event: '$groupidentify', properties: groupIdentifyProperties(message, groupType) }
    }
    case 'alias':
      return { event: '$create_alias', properties: aliasProperties(message) }
  }
}

/** Property names the translation adds to a track event's properties. */
const ADDED_PROPERTIES = ['$process_person_profile', '$lib', '$lib_version', '$is_server', '$geoip_disable'] as const

/**
 * Can a track message take the fast path of {@link encodePostHogEvent}? Only the shape the core
 * builds: string fields where the text is assembled, plain properties without `toJSON` and without
 * any of the names the translation adds (a middleware may hand over anything else).
 */
function isPlainTrack(message: Message): message is TrackMessage {
  if (message.type !== 'track' || typeof message.event !== 'string' || typeof message.timestamp !== 'string') return false
  if (typeof (message.userId ?? message.anonymousId) !== 'string') return false
  const library = (message.context as Partial<Message['context']> | undefined)?.library
  if (typeof library?.name !== 'string' || typeof library.version !== 'string') return false
  const properties = message.properties as unknown
  if (properties === null || typeof properties !== 'object') return false
  const proto = Object.getPrototypeOf(properties) as unknown
  if ((proto !== Object.prototype && proto !== null) || typeof (properties as { toJSON?: unknown }).toJSON === 'function') return false
  return !ADDED_PROPERTIES.some((name) => Object.prototype.hasOwnProperty.call(properties, name))
}

/**
 * Encodes one message as the JSON text of a PostHog batch item: the JSON of
 * {@link toPostHogEvent}'s result. Pure. A plain `track` (see `isPlainTrack`) is written without
 * copying its properties: their JSON is serialized once and the added members appended to it (the
 * same text, member for member); anything else goes through {@link toPostHogEvent}.
 */
export function encodePostHogEvent(message: Message, settings: PostHogEventSettings): string {
  if (!isPlainTrack(message)) return JSON.stringify(toPostHogEvent(message, settings))
  let added = message.userId === undefined ? '"$process_person_profile":false,' : ''
  added += `"$lib":${JSON.stringify(message.context.library.name)},"$lib_version":${JSON.stringify(message.context.library.version)},"$is_server":true`
  if (settings.disableGeoip) added += ',"$geoip_disable":true'
  const own = JSON.stringify(message.properties)
  const properties = own === '{}' ? `{${added}}` : `${own.slice(0, -1)},${added}}`
  const distinctId = (message.userId ?? message.anonymousId) as string
  return (
    `{"event":${JSON.stringify(message.event)},"distinct_id":${JSON.stringify(distinctId)},"properties":${properties},` +
    `"timestamp":${JSON.stringify(message.timestamp)},"uuid":${JSON.stringify(postHogUuid(message.messageId, message.timestamp))}}`
  )
}
