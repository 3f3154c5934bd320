/**
 * The reason a flag can never be decided locally that is visible in its definition alone
 * (experience continuity, unknown group type, static cohort, unusable filter, missing
 * dependency). Used to report the most important cause when evaluation stops early.
 */
import { assertFilterSupported } from './filter-support.js'
import { Unresolved } from './unresolved.js'
import type { FlagDefinition, FlagPropertyFilter, PropertyGroup } from './definition-types.js'
import type { EvaluationContext } from './evaluation-context.js'
import type { UnresolvedCause } from './unresolved.js'

function isUnsupportedGroup(group: PropertyGroup | undefined, context: EvaluationContext, seen: Set<string>): boolean {
  return (group?.values ?? []).some((member) =>
    'values' in member ? isUnsupportedGroup(member, context, seen) : isUnsupportedFilter(member, context, seen),
  )
}

function isUnsupportedFilter(filter: FlagPropertyFilter, context: EvaluationContext, seen: Set<string>): boolean {
  if (filter.type === 'flag') {
    const chain: unknown = filter.dependency_chain
    if (!Array.isArray(chain) || chain.length === 0) return true
    return chain.some((key) => !context.index.flagsByKey.has(String(key)))
  }
  if (filter.type !== 'cohort') {
    try {
      assertFilterSupported(filter, context.settings.now)
      return false
    } catch (e) {
      if (e instanceof Unresolved) return true
      throw e
    }
  }
  const cohortId = String(filter.value)
  if (!(cohortId in context.index.cohorts)) return true
  if (seen.has(cohortId)) return false
  seen.add(cohortId)
  return isUnsupportedGroup(context.index.cohorts[cohortId], context, seen)
}

/** The definition-level cause of `flag`, if any. */
export function definitionCause(flag: FlagDefinition, context: EvaluationContext): UnresolvedCause | undefined {
  if (!flag.active) return undefined
  if (flag.ensure_experience_continuity) return 'experience-continuity'
  const filters = flag.filters || {}
  const aggregation = filters.aggregation_group_type_index
  if (aggregation != undefined && !context.index.groupTypeMapping[String(aggregation)]) return 'unsupported-definition'
  const seen = new Set<string>()
  const unsupported = (filters.groups || []).some((condition) =>
    (condition.properties || []).some((filter) => isUnsupportedFilter(filter, context, seen)),
  )
  return unsupported ? 'unsupported-definition' : undefined
}

/** {@link definitionCause}, or `undefined` when the definition is too malformed to inspect. */
export function safeDefinitionCause(flag: FlagDefinition, context: EvaluationContext): UnresolvedCause | undefined {
  try {
    return definitionCause(flag, context)
  } catch {
    return undefined
  }
}
