/**
 * Flag dependencies: `{type: "flag", key, value, operator: "flag_evaluates_to", dependency_chain}`.
 * The chain's flags are evaluated in order (each once per evaluation), then the value of `key`
 * is compared with the expected value.
 */
import { WorkLimitExceeded } from './evaluation-budget.js'
import { MAX_NESTING } from './evaluation-context.js'
import { Unresolved } from './unresolved.js'
import type { FlagDefinition, FlagPropertyFilter } from './definition-types.js'
import type { EvaluationContext } from './evaluation-context.js'

/** Computes a flag's raw value (throws {@link Unresolved} when undecidable). */
export type FlagValueComputer = (flag: FlagDefinition, context: EvaluationContext) => unknown

/**
 * Whether a flag value satisfies the expected value: `true` matches `true` or any non-empty
 * variant, `false` only `false`, a string only that variant; other expectations never match.
 */
export function flagValueSatisfies(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'boolean') {
    return expected === actual || (typeof actual === 'string' && actual !== '' && expected === true)
  }
  if (typeof expected === 'string') return actual === expected
  return false
}

function checkedChain(filter: FlagPropertyFilter, context: EvaluationContext): readonly string[] {
  const key = String(filter.key)
  if (!('dependency_chain' in filter)) {
    throw new Unresolved('unsupported-definition', `dependency on '${key}' has no dependency_chain`)
  }
  const chain: unknown = filter.dependency_chain
  if (!Array.isArray(chain)) throw new Unresolved('unsupported-definition', `dependency_chain of '${key}' is not a list`)
  if (chain.length === 0) throw new Unresolved('unsupported-definition', `circular dependency on '${key}'`)
  // A dependency with no definition outranks one that is only undecidable: check all first.
  const keys = chain.map(String)
  const missing = keys.find((k) => !context.dependencyValues.has(k) && !context.index.flagsByKey.has(k))
  if (missing !== undefined) {
    throw new Unresolved('unsupported-definition', `missing flag dependency '${missing}' of '${key}'`)
  }
  return keys
}

function evaluateDependency(flag: FlagDefinition, context: EvaluationContext, compute: FlagValueComputer, detail: string): unknown {
  if (!flag.active) return false
  try {
    if (context.depth >= MAX_NESTING) throw new Error('flag dependencies nested too deep (cycle?)')
    context.depth++
    try {
      return compute(flag, context)
    } finally {
      context.depth--
    }
  } catch (e) {
    if (e instanceof WorkLimitExceeded) throw e
    if (e instanceof Unresolved) {
      throw new Unresolved('unresolved-dependency', detail, e.serverOnly, !e.serverOnly && e.regexUncertain)
    }
    // Any other failure of a dependency leaves this filter undecidable, not the whole flag.
    throw new Unresolved('unresolved-dependency', `${detail}: ${String(e)}`)
  }
}

/** Whether the flag-dependency filter holds for the subject. */
export function matchFlagDependency(filter: FlagPropertyFilter, context: EvaluationContext, compute: FlagValueComputer): boolean {
  const chain = checkedChain(filter, context)
  const targetKey = String(filter.key)
  for (const depKey of chain) {
    context.budget.spend()
    if (!context.dependencyValues.has(depKey)) {
      const flag = context.index.flagsByKey.get(depKey) as FlagDefinition
      const detail = `dependency '${depKey}' of '${targetKey}' is undecidable`
      context.dependencyValues.set(depKey, evaluateDependency(flag, context, compute, detail))
    }
    const value = context.dependencyValues.get(depKey)
    if (value === null || value === undefined) {
      throw new Unresolved('unresolved-dependency', `dependency '${depKey}' could not be evaluated`)
    }
  }
  return flagValueSatisfies(filter.value, context.dependencyValues.get(targetKey))
}
