/**
 * One release condition: all of its filters (person/group properties, cohorts, flag
 * dependencies) must match, then the subject must fall inside its rollout.
 */
import { flagBucket } from './bucket-hash.js'
import { matchCohort } from './cohort-match.js'
import { WorkLimitExceeded } from './evaluation-budget.js'
import { assertFilterSupported } from './filter-support.js'
import { matchFlagDependency } from './flag-dependency.js'
import { matchPropertyFilter } from './property-operators.js'
import { strongerCause, Unresolved } from './unresolved.js'
import type { FlagCondition, FlagDefinition, FlagPropertyFilter } from './definition-types.js'
import type { EvaluationContext } from './evaluation-context.js'
import type { FlagValueComputer } from './flag-dependency.js'
import type { UnresolvedCause } from './unresolved.js'

/** `out-of-rollout`: the filters matched but the rollout excluded the subject. */
export type ConditionOutcome = 'match' | 'no-match' | 'out-of-rollout'

/** Where a condition is evaluated. */
export interface ConditionTarget {
  readonly flag: FlagDefinition
  /** Distinct id, device id or group key the rollout hashes. */
  readonly bucketingValue: unknown
  /** The properties the filters read. */
  readonly properties: object
  readonly context: EvaluationContext
  readonly computeFlagValue: FlagValueComputer
}

/** Whether the subject is outside `rollout` percent (absent/null rollout = 100 %). */
export function isOutsideRollout(flagKey: unknown, bucketingValue: unknown, rollout: unknown): boolean {
  return rollout != undefined && flagBucket(flagKey, bucketingValue) > (rollout as number) / 100
}

function matchFilter(filter: FlagPropertyFilter, target: ConditionTarget): boolean {
  const { context, properties } = target
  context.budget.spend()
  const matchDependency = (dep: FlagPropertyFilter): boolean => matchFlagDependency(dep, context, target.computeFlagValue)
  if (filter.type === 'cohort') return matchCohort(filter, { context, properties, matchDependency })
  if (filter.type === 'flag') return matchDependency(filter)
  if (!Object.prototype.hasOwnProperty.call(properties, filter.key)) {
    assertFilterSupported(filter, context.settings.now)
    throw new Unresolved('missing-context', `property ${String(filter.key)} not given`)
  }
  return matchPropertyFilter(filter, properties, context.settings)
}

/**
 * Filters have no order, so an undecidable filter does not stop the loop: a later one can still
 * rule the condition out. A server-only failure counts only when it is the first undecided one.
 */
function matchFilters(filters: readonly FlagPropertyFilter[], target: ConditionTarget): boolean {
  let cause: UnresolvedCause | undefined
  let regexUncertain = false
  let serverOnly: Unresolved | undefined
  for (const filter of filters) {
    let matches: boolean
    try {
      matches = matchFilter(filter, target)
    } catch (e) {
      if (!(e instanceof Unresolved)) {
        if (e instanceof WorkLimitExceeded) throw e
        if (cause !== undefined) break
        throw e
      }
      if (e.serverOnly && cause === undefined) serverOnly ??= e
      if (!e.serverOnly && e.regexUncertain) regexUncertain = true
      cause = strongerCause(cause, e.cause)
      continue
    }
    if (!matches) return false
  }
  if (serverOnly) throw serverOnly
  if (cause !== undefined) {
    throw new Unresolved(cause, `can't decide a condition of ${String(target.flag.key)}`, false, regexUncertain)
  }
  return true
}

/** Evaluates one condition for the target. Throws {@link Unresolved} when undecidable. */
export function matchCondition(condition: FlagCondition, target: ConditionTarget): ConditionOutcome {
  const filters = condition.properties || []
  if (filters.length > 0) {
    if (!matchFilters(filters, target)) return 'no-match'
    if (condition.rollout_percentage == undefined) return 'match'
  }
  return isOutsideRollout(target.flag.key, target.bucketingValue, condition.rollout_percentage) ? 'out-of-rollout' : 'match'
}
