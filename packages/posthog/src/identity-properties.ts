import type { AliasMessage, GroupMessage, IdentifyMessage, JsonObject, JsonValue } from '@polytrack/core/adapter'

/**
 * Properties of `$identify`, by posthog-node's rule: `traits.$set` when given, else all other
 * traits, becomes `$set`; `traits.$set_once` (default `{}`) becomes `$set_once`;
 * `$anon_distinct_id` is `traits.$anon_distinct_id`, else the message's `anonymousId` when a
 * `userId` is known (PostHog then merges the anonymous person into the user). Pure.
 */
export function identifyProperties(message: IdentifyMessage): JsonObject {
  const { $set, $set_once, $anon_distinct_id, ...rest } = message.traits
  const props: JsonObject = { $set: isSet($set) ? $set : rest, $set_once: isSet($set_once) ? $set_once : {} }
  const anon = $anon_distinct_id ?? (message.userId !== undefined ? message.anonymousId : undefined)
  if (anon !== undefined && anon !== null) props.$anon_distinct_id = anon
  return props
}

/** Properties of `$groupidentify`: `$group_type`, `$group_key` (the groupId) and `$group_set` (the traits). Pure. */
export function groupIdentifyProperties(message: GroupMessage, groupType: string): JsonObject {
  return { $group_type: groupType, $group_key: message.groupId, $group_set: message.traits }
}

/** Properties of `$create_alias`: the user id as `distinct_id` and the previous id as `alias`. Pure. */
export function aliasProperties(message: AliasMessage): JsonObject {
  return { distinct_id: message.userId, alias: message.previousId }
}

/** posthog-node treats a falsy `$set`/`$set_once` as absent. */
function isSet(value: JsonValue | undefined): value is JsonValue {
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0
}
