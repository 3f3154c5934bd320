/**
 * Computing one flag's value: activity, experience continuity, aggregation (person, group or
 * device), holdout, then the release conditions in order.
 */
import { isOutsideRollout, matchCondition } from './condition-match.js'
import { definitionCause, safeDefinitionCause } from './definition-cause.js'
import { heldOutValue } from './holdout.js'
import { strongerCause, Unresolved } from './unresolved.js'
import { matchedValue } from './variant-selection.js'
import type { FlagCondition, FlagDefinition } from './definition-types.js'
import type { EvaluationContext } from './evaluation-context.js'
import type { FlagReason } from './evaluation-types.js'
import type { UnresolvedCause } from './unresolved.js'

/** A decided flag: its raw value (boolean, variant key or holdout value) and why. */
export interface FlagOutcome {
  value: unknown
  reason: FlagReason
}

/** Values each undecided-regex condition would have given (see {@link matchConditions}). */
interface ConditionLoopState {
  cause: UnresolvedCause | undefined
  regexUncertain: boolean
  regexValues: unknown[]
  firstRolloutMiss: number | undefined
}

/** The subject's bucketing value and properties for one condition, or undefined to skip it. */
function conditionScope(
  condition: FlagCondition,
  flag: FlagDefinition,
  scope: { bucketingValue: unknown; properties: object },
  context: EvaluationContext,
  state: ConditionLoopState,
): { bucketingValue: unknown; properties: object } | undefined {
  const flagAggregation = flag.filters?.aggregation_group_type_index
  const aggregation = condition.aggregation_group_type_index !== undefined ? condition.aggregation_group_type_index : flagAggregation
  if (aggregation === flagAggregation || aggregation === null || aggregation === undefined) return scope
  const groupType = context.index.groupTypeMapping[String(aggregation)]
  if (!groupType || !(String(groupType) in context.groups)) return undefined
  const properties = context.groupProperties(String(groupType))
  if (properties === undefined) {
    state.cause = strongerCause(state.cause, 'missing-context')
    return undefined
  }
  return { bucketingValue: context.groups[String(groupType)], properties }
}

/** The value an undecided regex condition would give if it matched (for the conflict check). */
function regexConditionValue(flag: FlagDefinition, condition: FlagCondition, bucketingValue: unknown): unknown {
  if (flag.filters?.early_exit && isOutsideRollout(flag.key, bucketingValue, condition.rollout_percentage)) {
    return false
  }
  return matchedValue(flag, condition.variant, bucketingValue)
}

/**
 * Evaluates the conditions in order; the first match decides. An undecidable condition is
 * skipped (a later match still decides) except that a server-only failure stops evaluation, and
 * a match only counts when every earlier undecided-regex condition would have given the same
 * value. Nothing matched and something undecided → throws {@link Unresolved}.
 */
function matchConditions(
  flag: FlagDefinition,
  scope: { bucketingValue: unknown; properties: object },
  context: EvaluationContext,
  computeFlagValue: (flag: FlagDefinition, context: EvaluationContext) => unknown,
): FlagOutcome {
  const filters = flag.filters || {}
  const state: ConditionLoopState = { cause: undefined, regexUncertain: false, regexValues: [], firstRolloutMiss: undefined }
  const conditions = filters.groups || []
  let matched: FlagOutcome | undefined
  for (let index = 0; index < conditions.length; index++) {
    context.budget.spend()
    const condition = conditions[index] as FlagCondition
    const local = conditionScope(condition, flag, scope, context, state)
    if (local === undefined) continue
    try {
      const target = { flag, bucketingValue: local.bucketingValue, properties: local.properties, context, computeFlagValue }
      const outcome = matchCondition(condition, target)
      if (outcome === 'match') {
        const value = matchedValue(flag, condition.variant, local.bucketingValue)
        matched = { value, reason: { kind: 'condition-match', conditionIndex: index } }
        break
      }
      if (outcome === 'out-of-rollout') {
        state.firstRolloutMiss ??= index
        if (filters.early_exit) {
          if (state.cause !== undefined) break
          return { value: false, reason: { kind: 'rollout-miss', conditionIndex: index, earlyExit: true } }
        }
      }
    } catch (e) {
      if (!(e instanceof Unresolved)) throw e
      if (e.serverOnly) {
        const fromDefinition = safeDefinitionCause(flag, context) ?? e.cause
        throw e.withCause(strongerCause(strongerCause(state.cause, e.cause), fromDefinition))
      }
      state.cause = strongerCause(state.cause, e.cause)
      if (e.regexUncertain) {
        state.regexUncertain = true
        state.regexValues.push(regexConditionValue(flag, condition, local.bucketingValue))
      }
    }
  }
  const conflicting = state.regexUncertain && state.regexValues.some((v) => v !== matched?.value)
  if (matched !== undefined && !conflicting) return matched
  if (state.cause !== undefined) {
    throw new Unresolved(state.cause, "can't decide the flag with the given properties", false, state.regexUncertain)
  }
  return state.firstRolloutMiss === undefined
    ? { value: false, reason: { kind: 'no-condition-match' } }
    : { value: false, reason: { kind: 'rollout-miss', conditionIndex: state.firstRolloutMiss, earlyExit: false } }
}

function matchWithHoldout(
  flag: FlagDefinition,
  scope: { bucketingValue: unknown; properties: object },
  context: EvaluationContext,
): FlagOutcome {
  const holdout = flag.filters?.holdout
  const held = heldOutValue(holdout, scope.bucketingValue)
  if (held !== undefined) return { value: held, reason: { kind: 'holdout', holdoutId: holdout?.id } }
  return matchConditions(flag, scope, context, computeFlagValue)
}

/** The bucketing value of a person flag, or undefined when `$device_id` is required but absent. */
function personBucketingValue(flag: FlagDefinition, context: EvaluationContext): unknown {
  if (flag.bucketing_identifier !== 'device_id') return context.subject.distinctId
  const deviceId = context.personProperties()['$device_id']
  return deviceId === undefined || deviceId === null || deviceId === '' ? undefined : deviceId
}

/**
 * Decides a flag for the context's subject. Throws {@link Unresolved} when it cannot be decided
 * locally; other exceptions mean the definition is malformed.
 */
export function computeFlagOutcome(flag: FlagDefinition, context: EvaluationContext): FlagOutcome {
  if (!flag.active) return { value: false, reason: { kind: 'disabled' } }
  if (flag.ensure_experience_continuity) {
    throw new Unresolved('experience-continuity', 'experience continuity needs the server')
  }
  const aggregation = (flag.filters || {}).aggregation_group_type_index
  if (aggregation != undefined) {
    const groupType = context.index.groupTypeMapping[String(aggregation)]
    if (!groupType) throw new Unresolved('unsupported-definition', `unknown group type index ${String(aggregation)}`)
    const name = String(groupType)
    if (!(name in context.groups)) return { value: false, reason: { kind: 'group-missing', groupType: name } }
    const properties = context.groupProperties(name) as object
    return matchWithHoldout(flag, { bucketingValue: context.groups[name], properties }, context)
  }
  const bucketingValue = personBucketingValue(flag, context)
  if (bucketingValue === undefined) {
    const cause = definitionCause(flag, context) ?? 'missing-context'
    throw new Unresolved(cause, '$device_id is needed to bucket this flag')
  }
  return matchWithHoldout(flag, { bucketingValue, properties: context.personProperties() }, context)
}

/** {@link computeFlagOutcome}'s raw value only (what flag dependencies compare). */
export function computeFlagValue(flag: FlagDefinition, context: EvaluationContext): unknown {
  return computeFlagOutcome(flag, context).value
}
