import type { JsonObject, Message } from '@polytrack/core'
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
 * Encodes one message as the JSON text of a PostHog batch item: the JSON of
 * {@link toPostHogEvent}'s result. Pure. A `track` whose properties do not already hold one of the
 * names the translation adds is written without copying its properties: their JSON is serialized
 * once and the added members appended to it (the same text, member for member).
 */
export function encodePostHogEvent(message: Message, settings: PostHogEventSettings): string {
  if (message.type !== 'track' || ADDED_PROPERTIES.some((name) => Object.prototype.hasOwnProperty.call(message.properties, name))) {
    return JSON.stringify(toPostHogEvent(message, settings))
  }
  const anonymous = message.userId === undefined
  let added = anonymous ? '"$process_person_profile":false,' : ''
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
