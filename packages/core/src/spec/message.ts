import type { LiteralUnion } from 'type-fest'
import type { KnownIntegrationName } from './integration-names.js'
import type { JsonObject } from './json-types.js'

/** The six Segment-spec message types. */
export type MessageType = 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias'

/** The list of message types, in the Segment spec's order. */
export const MESSAGE_TYPES: readonly MessageType[] = ['identify', 'track', 'page', 'screen', 'group', 'alias']

/**
 * The Segment `integrations` map: `{ All: false, Mixpanel: true }`. Values are `true`/`false`
 * or a per-integration options object, forwarded unchanged to CDP pipelines. Keys are any string;
 * editors suggest the {@link KnownIntegrationName}s.
 */
export type Integrations = { [name in LiteralUnion<KnownIntegrationName, string>]?: boolean | JsonObject }

/** `context.library`: the library that produced the message. */
export interface LibraryInfo {
  name: string
  version: string
}

/** The Segment `context` object. Any JSON-safe keys; `library` is always set by Polytrack. */
export interface Context extends JsonObject {
  library: { name: string; version: string }
}

/** Fields every normalized message carries. */
interface BaseMessage {
  type: MessageType
  messageId: string
  /** ISO-8601 with milliseconds and `Z`. */
  timestamp: string
  context: Context
  integrations: Integrations
  userId?: string
  anonymousId?: string
}

/** A normalized `track` message. */
export interface TrackMessage extends BaseMessage {
  type: 'track'
  event: string
  properties: JsonObject
}

/** A normalized `identify` message. */
export interface IdentifyMessage extends BaseMessage {
  type: 'identify'
  traits: JsonObject
}

/** A normalized `page` message. */
export interface PageMessage extends BaseMessage {
  type: 'page'
  name?: string
  category?: string
  properties: JsonObject
}

/** A normalized `screen` message. */
export interface ScreenMessage extends BaseMessage {
  type: 'screen'
  name?: string
  category?: string
  properties: JsonObject
}

/** A normalized `group` message (the only type that may carry neither `userId` nor `anonymousId`). */
export interface GroupMessage extends BaseMessage {
  type: 'group'
  groupId: string
  traits: JsonObject
}

/** A normalized `alias` message. */
export interface AliasMessage extends BaseMessage {
  type: 'alias'
  previousId: string
  userId: string
  /** Present only when the call gave traits (RudderStack's alias takes them). */
  traits?: JsonObject
}

/**
 * A normalized Segment-spec message: validated, JSON-safe, with `messageId`, `timestamp`,
 * `context.library` and `integrations` filled in. This is what destinations translate.
 */
export type Message = TrackMessage | IdentifyMessage | PageMessage | ScreenMessage | GroupMessage | AliasMessage

/** Any JSON value a message may carry. */
export type { JsonArray, JsonObject, JsonPrimitive, JsonValue } from './json-types.js'
