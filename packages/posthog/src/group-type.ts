import type { Integrations } from '@polytrack/core/adapter'

/**
 * The group type of a `group()` call: `integrations.<name>.groupType` for the first of `names`
 * present in the map (matched case-insensitively, e.g. `integrations: { PostHog: { groupType: 'team' } }`)
 * when it is a non-empty string, else `fallback` (the adapter's `groupType` option). Pure.
 */
export function groupTypeOf(integrations: Integrations, names: readonly string[], fallback: string): string {
  const wanted = new Set(names.map((n) => n.toLowerCase()))
  for (const key of Object.keys(integrations)) {
    if (!wanted.has(key.toLowerCase())) continue
    const options = integrations[key]
    if (options !== null && typeof options === 'object' && typeof options.groupType === 'string' && options.groupType !== '') {
      return options.groupType
    }
  }
  return fallback
}
