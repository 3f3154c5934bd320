import { integrationOptions, type Integrations } from '@polytrack/core/adapter'

/**
 * The group type of a `group()` call: `integrations.<name>.groupType`, for the first of `names`
 * present in the map (matched case-insensitively) whose value is an object, when it is a non-empty
 * string, else `fallback` (the adapter's `groupType` option). Pure.
 */
export function groupTypeOf(integrations: Integrations, names: readonly string[], fallback: string): string {
  const groupType = integrationOptions(integrations, names)?.groupType
  return typeof groupType === 'string' && groupType !== '' ? groupType : fallback
}
