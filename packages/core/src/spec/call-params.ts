import type { Integrations } from './message.js'

/**
 * A property, trait or context value as the caller may pass it: JSON values plus `Date`
 * (serialized as ISO-8601). Numbers must be finite.
 */
export type InputValue =
  string | number | boolean | null | Date | readonly InputValue[] | { readonly [key: string]: InputValue | undefined }

/** An object of input values (properties, traits, context). */
export type InputObject = { readonly [key: string]: InputValue | undefined }

/** Identity and envelope fields shared by every call. At least one of `userId`/`anonymousId`. */
export interface CommonParams {
  /** The known user's id. Numbers are accepted and sent as strings. */
  userId?: string | number
  /** An id for a user not yet known. Numbers are accepted and sent as strings. */
  anonymousId?: string | number
  /** Extra context, merged over `{ library }`. */
  context?: InputObject
  /** The Segment integrations map. Defaults to `{}`. */
  integrations?: Integrations
  /** When it happened (backfill). `Date`, ISO-8601 string or epoch milliseconds. Defaults to the call time. */
  timestamp?: Date | string | number
  /** A unique id used by vendors to deduplicate. Defaults to a new UUID v7 (time-ordered). */
  messageId?: string
}

/** Parameters of `analytics.track()`. */
export interface TrackParams extends CommonParams {
  event: string
  properties?: InputObject
}

/** Parameters of `analytics.identify()`. */
export interface IdentifyParams extends CommonParams {
  traits?: InputObject
}

/** Parameters of `analytics.page()`. */
export interface PageParams extends CommonParams {
  name?: string
  category?: string
  properties?: InputObject
}

/** Parameters of `analytics.screen()`. */
export interface ScreenParams extends CommonParams {
  name?: string
  category?: string
  properties?: InputObject
}

/**
 * Parameters of `analytics.group()`. `userId` and `anonymousId` may both be left out: a group
 * profile update without a user (PostHog's and Mixpanel's group profiles take it; the Segment-family
 * vendors and Amplitude need an id, and refuse such a call with a `ValidationError`).
 */
export interface GroupParams extends CommonParams {
  groupId: string | number
  traits?: InputObject
}

/** Parameters of `analytics.alias()`. `userId` is the new id, `previousId` the old one. */
export interface AliasParams extends Omit<CommonParams, 'userId'> {
  userId: string | number
  previousId: string | number
  /**
   * Traits of the merged user, as RudderStack's alias call takes them (sent to RudderStack; the other
   * vendors' alias calls have none, and their adapters leave them out).
   */
  traits?: InputObject
}

/** Parameters by message type. */
export interface ParamsByType {
  track: TrackParams
  identify: IdentifyParams
  page: PageParams
  screen: ScreenParams
  group: GroupParams
  alias: AliasParams
}
