import type { JsonObject } from '@polytrack/core/adapter'

/** Segment traits and the reserved Mixpanel profile properties they become (as Mixpanel's Segment integration maps them). */
export const MIXPANEL_RESERVED_TRAITS: Readonly<Record<string, string>> = {
  email: '$email',
  name: '$name',
  firstName: '$first_name',
  first_name: '$first_name',
  lastName: '$last_name',
  last_name: '$last_name',
  phone: '$phone',
  avatar: '$avatar',
  createdAt: '$created',
  created_at: '$created',
}

/**
 * Traits as Mixpanel profile properties: the reserved ones renamed (`email` → `$email`, …) unless the
 * `$` name is given too, every other trait unchanged. `$set` and `$set_once` are left out (see
 * docs/vendors/mixpanel.md). Pure.
 */
export function profileProperties(traits: JsonObject): JsonObject {
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(traits)) {
    if (key === '$set' || key === '$set_once') continue
    const reserved = MIXPANEL_RESERVED_TRAITS[key]
    out[reserved !== undefined && traits[reserved] === undefined ? reserved : key] = value
  }
  return out
}
