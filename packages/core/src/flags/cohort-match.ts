/**
 * Cohort membership (`{type: "cohort", value: <id>, operator: "in" | "not_in"}`), decided from
 * the cohort definitions in the payload: nested AND/OR groups of filters with per-filter
 * `negation`. A cohort missing from the payload is static and needs the server.
 *
 * Each cohort is decided at most once per evaluation and properties object (the result, or the
 * signal it threw, is remembered in the context), so cohorts that name the same cohort several
 * times cost linear, not exponential, work; every member visited spends one step of the budget.
 */
import { MAX_NESTING } from './evaluation-context.js'
import { matchPropertyFilter } from './property-operators.js'
import { strongerCause, Unresolved } from './unresolved.js'
import type { FlagPropertyFilter, PropertyGroup } from './definition-types.js'
import type { CohortResult, EvaluationContext } from './evaluation-context.js'
import type { UnresolvedCause } from './unresolved.js'

/** Decides a flag-dependency filter (supplied by the flag evaluator). */
export type DependencyMatcher = (filter: FlagPropertyFilter) => boolean

/** What cohort matching needs. */
export interface CohortScope {
  readonly context: EvaluationContext
  /** The properties cohort filters are matched against (person or group). */
  readonly properties: object
  readonly matchDependency: DependencyMatcher
}

/** Collects undecided members of a group so a decisive member can still win. */
class Undecided {
  cause: UnresolvedCause | undefined
  regexUncertain = false

  add(e: Unresolved): void {
    this.cause = strongerCause(this.cause, e.cause)
    this.regexUncertain ||= e.regexUncertain
  }

  throwIfAny(detail: string): void {
    if (this.cause !== undefined) throw new Unresolved(this.cause, detail, false, this.regexUncertain)
  }
}

/** Runs one member; returns its result or `undefined` after recording an undecided member. */
function tryMember(undecided: Undecided, run: () => boolean): boolean | undefined {
  try {
    return run()
  } catch (e) {
    if (e instanceof Unresolved && !e.serverOnly) {
      undecided.add(e)
      return undefined
    }
    throw e
  }
}

function matchLeaf(filter: FlagPropertyFilter, scope: CohortScope): boolean {
  if (filter.type === 'cohort') return matchCohort(filter, scope)
  if (filter.type === 'flag') return scope.matchDependency(filter)
  return matchPropertyFilter(filter, scope.properties, scope.context.settings)
}

function matchGroupMembers(group: PropertyGroup, isAnd: boolean, scope: CohortScope): boolean {
  const members = group.values
  const undecided = new Undecided()
  const nested = 'values' in (members[0] as object)
  for (const member of members) {
    scope.context.budget.spend()
    if (nested) {
      const matches = tryMember(undecided, () => matchPropertyGroup(member as PropertyGroup, scope))
      if (matches === undefined) continue
      if (isAnd && !matches) return false
      if (!isAnd && matches) return true
    } else {
      const filter = member as FlagPropertyFilter
      const matches = tryMember(undecided, () => matchLeaf(filter, scope))
      if (matches === undefined) continue
      const effective = filter.negation ? !matches : matches
      if (isAnd && !effective) return false
      if (!isAnd && effective) return true
    }
  }
  undecided.throwIfAny("can't decide cohort without more properties")
  return isAnd
}

/** Whether the properties satisfy a cohort property group. */
export function matchPropertyGroup(group: PropertyGroup, scope: CohortScope): boolean {
  // The canonical empty group is {}.
  if (!group || Object.keys(group).length === 0) return true
  const type = group.type === 'property' ? 'AND' : group.type
  if (type !== 'AND' && type !== 'OR') {
    throw new Unresolved('unsupported-definition', `unsupported cohort group type ${String(group.type)}`, true)
  }
  if (!group.values || group.values.length === 0) return type === 'AND'
  return matchGroupMembers(group, type === 'AND', scope)
}

/** Whether the subject is in (or, for `not_in`, out of) the cohort the filter names. */
export function matchCohort(filter: FlagPropertyFilter, scope: CohortScope): boolean {
  const cohortId = String(filter.value)
  const cohorts = scope.context.index.cohorts
  if (!(cohortId in cohorts)) {
    throw new Unresolved('unsupported-definition', `cohort ${cohortId} is not in the payload (static cohort)`, true)
  }
  const inCohort = cohortMembership(cohortId, cohorts[cohortId] as PropertyGroup, scope)
  return filter.operator === 'not_in' ? !inCohort : inCohort
}

/** Whether the scope's properties satisfy cohort `cohortId`, decided once per evaluation. */
function cohortMembership(cohortId: string, group: PropertyGroup, scope: CohortScope): boolean {
  const context = scope.context
  let known = context.cohortResults.get(scope.properties)
  const remembered = known?.get(cohortId)
  if (remembered !== undefined) {
    if ('matches' in remembered) return remembered.matches
    throw remembered.threw
  }
  context.budget.spend()
  if (context.depth >= MAX_NESTING) throw new Error('cohort nesting too deep')
  context.depth++
  let result: CohortResult
  try {
    result = { matches: matchPropertyGroup(group, scope) }
  } catch (e) {
    // Only a decision is remembered: the depth limit and the work limit depend on the path taken.
    if (!(e instanceof Unresolved)) throw e
    result = { threw: e }
  } finally {
    context.depth--
  }
  if (known === undefined) {
    known = new Map()
    context.cohortResults.set(scope.properties, known)
  }
  known.set(cohortId, result)
  if ('threw' in result) throw result.threw
  return result.matches
}
