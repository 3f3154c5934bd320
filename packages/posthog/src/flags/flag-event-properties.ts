import type { FlagValue, JsonObject } from '@polytrack/core/adapter'

/**
 * The properties posthog-node's `capture({ sendFeatureFlags: true })` adds to an event:
 * `$feature/<key>` with each flag's value (`false` included), and `$active_feature_flags`, the keys
 * of the flags that are not `false`, sorted (left out when there is none). Pure.
 */
export function flagEventProperties(values: Readonly<Record<string, FlagValue>>): JsonObject {
  const properties: JsonObject = {}
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(properties, `$feature/${key}`, { value, enumerable: true, writable: true, configurable: true })
  }
  const active = Object.keys(values)
    .filter((key) => values[key] !== false)
    .sort()
  if (active.length > 0) properties.$active_feature_flags = active
  return properties
}
