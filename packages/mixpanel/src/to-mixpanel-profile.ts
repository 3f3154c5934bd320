import { integrationOptions, ValidationError, type EncodeContext, type JsonObject, type Message } from '@polytrack/core/adapter'
import { distinctIdOf } from './mixpanel-identity.js'
import { profileProperties } from './special-traits.js'

/** What the profile translations need besides the message. */
export interface MixpanelProfileSettings {
  token: string
  /** Group key when the call names none. */
  groupKey: string
  /** Names the integrations map uses for Mixpanel (for `integrations.Mixpanel.groupKey`). */
  integrationNames: readonly string[]
}

/**
 * An `identify` as a profile update for `/engage`: `{$token, $distinct_id, $set}` as the official
 * SDK's `people.set` sends it, with `$ip` from `context.ip` and `$time` (ms) when the caller gave a
 * timestamp. Pure.
 */
export function toMixpanelProfileUpdate(message: Message, context: EncodeContext, settings: MixpanelProfileSettings): JsonObject {
  if (message.type !== 'identify') throw new ValidationError('type', `${message.type} is not a profile update`)
  const update: JsonObject = { $token: settings.token, $distinct_id: distinctIdOf(message), $set: profileProperties(message.traits) }
  const ip = (message.context as { ip?: unknown }).ip
  if (typeof ip === 'string') update.$ip = ip
  if (context.timestampGiven) update.$time = Date.parse(message.timestamp)
  return update
}

/** The call's group key: `integrations.Mixpanel.groupKey` (any of its names), else the default. */
export function mixpanelGroupKey(message: Message, settings: MixpanelProfileSettings): string {
  const groupKey = integrationOptions(message.integrations, settings.integrationNames)?.groupKey
  if (typeof groupKey === 'string' && groupKey !== '') return groupKey
  return settings.groupKey
}

/** A `group` as a group profile update for `/groups`: `{$token, $group_key, $group_id, $set}`, as `groups.set` sends it. Pure. */
export function toMixpanelGroupUpdate(message: Message, settings: MixpanelProfileSettings): JsonObject {
  if (message.type !== 'group') throw new ValidationError('type', `${message.type} is not a group update`)
  return {
    $token: settings.token,
    $group_key: mixpanelGroupKey(message, settings),
    $group_id: String(message.groupId),
    $set: profileProperties(message.traits),
  }
}
