import type { Integrations, JsonObject } from '@polytrack/core/adapter'

/**
 * The options object a call gives PostHog in its integrations map: `integrations.<name>` for the
 * first of `names` present (matched case-insensitively) whose value is an object, e.g.
 * `integrations: { PostHog: { groupType: 'team', groups: { company: 'acme' }, sendFeatureFlags: true } }`;
 * `undefined` when there is none. Pure.
 */
export function postHogCallOptions(integrations: Integrations, names: readonly string[]): JsonObject | undefined {
  if (integrations === null || typeof integrations !== 'object') return undefined
  const wanted = new Set(names.map((n) => n.toLowerCase()))
  for (const key of Object.keys(integrations)) {
    if (!wanted.has(key.toLowerCase())) continue
    const options = integrations[key]
    if (options !== null && typeof options === 'object') return options
  }
  return undefined
}

/**
 * The group type of a `group()` call: `integrations.<name>.groupType`, for the first of `names`
 * present in the map (matched case-insensitively) whose value is an object, when it is a non-empty
 * string, else `fallback` (the adapter's `groupType` option). Pure.
 */
export function groupTypeOf(integrations: Integrations, names: readonly string[], fallback: string): string {
  const groupType = postHogCallOptions(integrations, names)?.groupType
  return typeof groupType === 'string' && groupType !== '' ? groupType : fallback
}
