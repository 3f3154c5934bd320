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

/** Encodes one message as the JSON text of a PostHog batch item. Pure. */
export function encodePostHogEvent(message: Message, settings: PostHogEventSettings): string {
  return JSON.stringify(toPostHogEvent(message, settings))
}
