import type { FlagCallOptions } from '@polytrack/core'
import type { EvaluationContext } from '@openfeature/server-sdk'

/** The reserved context attributes that carry groups rather than person properties. */
export const GROUP_ATTRIBUTES = ['groups', 'groupProperties'] as const

/**
 * Maps an OpenFeature evaluation context to a flag query: `targetingKey` is the distinct id,
 * `groups` and `groupProperties` (objects) carry groups, every other attribute is a person property.
 */
export function contextToQuery(context: EvaluationContext): { distinctId: string | undefined; options: FlagCallOptions } {
  const { targetingKey, groups, groupProperties, ...rest } = context
  const personProperties: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(rest)) {
    personProperties[key] = value instanceof Date ? value.toISOString() : value
  }
  const options: FlagCallOptions = {}
  if (Object.keys(personProperties).length > 0) options.personProperties = personProperties
  if (isRecord(groups)) options.groups = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, String(v)]))
  if (isRecord(groupProperties)) options.groupProperties = groupProperties as Record<string, Record<string, unknown>>
  return { distinctId: typeof targetingKey === 'string' && targetingKey !== '' ? targetingKey : undefined, options }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}
