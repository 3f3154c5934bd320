import { integrationOptions, ValidationError, type Message } from '@polytrack/core/adapter'

/** What {@link eventGroups} needs of the adapter's settings. */
export interface EventGroupSettings {
  /** Names the integrations map uses for PostHog. */
  integrationNames: readonly string[]
}

/**
 * The groups a PostHog event (track, page, screen) belongs to, sent as `properties.$groups` as
 * posthog-node's `capture({ groups })` sends them: the call's `integrations.PostHog.groups` (group
 * type → group key, keys sent as strings), or `undefined` (none; `properties.$groups`, when the
 * caller set it, then goes as it is). Not taken from `context.groupId`: a group type PostHog has
 * not seen is created by the first event naming it, so groups are only ever sent when asked for.
 * Throws a `ValidationError` for a `groups` that is not an object of string or number keys (the
 * call then throws, for PostHog). Pure.
 */
export function eventGroups(message: Message, settings: EventGroupSettings): Record<string, string> | undefined {
  const given = integrationOptions(message.integrations, settings.integrationNames)?.groups
  if (given !== undefined) {
    if (given === null || typeof given !== 'object' || Array.isArray(given)) {
      throw new ValidationError('integrations.PostHog.groups', 'must be an object of group type → group key, e.g. { company: "acme" }')
    }
    const entries = Object.entries(given).map(([type, key]) => {
      if ((typeof key !== 'string' || key === '') && (typeof key !== 'number' || !Number.isFinite(key))) {
        throw new ValidationError(`integrations.PostHog.groups.${type}`, 'must be a group key (a non-empty string or a number)')
      }
      return [type, String(key)] as const
    })
    // (fromEntries defines each member: a `__proto__` group type stays data.)
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  }
  return undefined
}
