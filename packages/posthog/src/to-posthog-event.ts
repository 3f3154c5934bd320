import {
  integrationOptions,
  ValidationError,
  type FlagValue,
  type JsonObject,
  type Message,
  type TrackMessage,
} from '@polytrack/core/adapter'
import { eventGroups } from './event-groups.js'
import { flagEventProperties } from './flags/flag-event-properties.js'
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
  /** Add the person's flag values to track, page and screen events unless a call says otherwise (`sendFeatureFlags`). Default `false`. */
  sendFeatureFlags?: boolean
  /**
   * A person's flag values from local evaluation (no request), for `sendFeatureFlags`: `undefined`
   * when none can be given (no definitions loaded). Absent: flag values are never added.
   */
  localFlagValues?: (distinctId: string, groups: Record<string, string> | undefined) => Record<string, FlagValue> | undefined
}

/** The message types that are PostHog events of the user (where `$groups` and flag values go). */
const EVENT_TYPES = new Set<Message['type']>(['track', 'page', 'screen'])

/**
 * Translates a Segment-spec message into a PostHog capture event, as posthog-node would send the
 * equivalent call (see docs/vendors/posthog.md for the table). `distinct_id` is the `userId`, else
 * the `anonymousId` with `$process_person_profile: false` (except on identify, which exists to set
 * person properties); a group call with neither is posthog-node's `groupIdentify` without a user,
 * `distinct_id` `$<group type>_<group key>`. Track, page and screen events carry `$groups` (see
 * `eventGroups`) and, with `sendFeatureFlags`, the person's flag values from local evaluation
 * (`$feature/<key>`, `$active_feature_flags`), as posthog-node's `capture()` sends them. Library
 * properties (`$lib`, `$lib_version`, `$is_server`, `$geoip_disable`) are added last, as
 * posthog-node does. Pure apart from reading the flag definitions already loaded.
 */
export function toPostHogEvent(message: Message, settings: PostHogEventSettings): PostHogEvent {
  const translated = eventAndProperties(message, settings)
  const { event } = translated
  const groupWithoutUser = message.type === 'group' && message.userId === undefined && message.anonymousId === undefined
  const distinctId = groupWithoutUser
    ? `$${translated.properties.$group_type as string}_${message.groupId}`
    : ((message.userId ?? message.anonymousId) as string)
  const properties = EVENT_TYPES.has(message.type)
    ? withEventExtras(message, translated.properties, distinctId, settings)
    : translated.properties
  const anonymous = message.userId === undefined && !groupWithoutUser
  if (anonymous && message.type !== 'identify') properties.$process_person_profile = false
  properties.$lib = message.context.library.name
  properties.$lib_version = message.context.library.version
  properties.$is_server = true
  if (settings.disableGeoip) properties.$geoip_disable = true
  return {
    event,
    distinct_id: distinctId,
    properties,
    timestamp: message.timestamp,
    uuid: postHogUuid(message.messageId, message.timestamp),
  }
}

/**
 * An event's properties with what posthog-node's `capture()` adds around them: the flag values
 * first (when `sendFeatureFlags` applies and definitions are loaded; the event's own properties win),
 * `$groups` last. Pure apart from reading the loaded flag definitions.
 */
function withEventExtras(message: Message, properties: JsonObject, distinctId: string, settings: PostHogEventSettings): JsonObject {
  const groups = eventGroups(message, settings)
  const flagValues = wantsFlags(message, settings) ? settings.localFlagValues?.(distinctId, groups) : undefined
  if (groups === undefined && flagValues === undefined) return properties
  const out: JsonObject = flagValues === undefined ? properties : { ...flagEventProperties(flagValues), ...properties }
  if (groups !== undefined) out.$groups = groups
  return out
}

/**
 * `sendFeatureFlags` for this call: `integrations.PostHog.sendFeatureFlags` when given, else the
 * adapter's option. Throws a `ValidationError` when the call gives anything but a boolean.
 */
function wantsFlags(message: Message, settings: PostHogEventSettings): boolean {
  const options = integrationOptions(message.integrations, settings.integrationNames)
  if (options === undefined || !Object.hasOwn(options, 'sendFeatureFlags')) return settings.sendFeatureFlags === true
  const perCall = options.sendFeatureFlags
  if (typeof perCall !== 'boolean') throw new ValidationError('integrations.PostHog.sendFeatureFlags', 'must be true or false')
  return perCall
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
function isPlainTrack(message: Message, settings: PostHogEventSettings): message is TrackMessage {
  if (message.type !== 'track' || typeof message.event !== 'string' || typeof message.timestamp !== 'string') return false
  // Flag values or groups to add: the full translation.
  if (settings.sendFeatureFlags === true || integrationOptions(message.integrations, settings.integrationNames) !== undefined) return false
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
  if (!isPlainTrack(message, settings)) return JSON.stringify(toPostHogEvent(message, settings))
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
