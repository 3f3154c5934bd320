/**
 * Everything one top-level flag evaluation works with: the indexed definitions, the subject's
 * properties as the matchers see them, the results of flag dependencies and cohorts evaluated so
 * far, and the work budget.
 */
import { EvaluationBudget } from './evaluation-budget.js'
import type { DefinitionsIndex } from './definitions-index.js'
import type { FlagSubject } from './evaluation-types.js'
import type { PropertyMatchSettings } from './property-operators.js'

/** Deepest chain of nested flag dependencies / cohorts before we give up (cycles). */
export const MAX_NESTING = 64

/** The state of one evaluation. */
export interface EvaluationContext {
  /** The indexed definitions. */
  readonly index: DefinitionsIndex
  /** The subject as given. */
  readonly subject: FlagSubject
  /** The groups of the subject (`{}` when none). */
  readonly groups: Record<string, unknown>
  /** Property matching settings. */
  readonly settings: PropertyMatchSettings
  /** Values of dependency flags already evaluated, by key. */
  readonly dependencyValues: Map<string, unknown>
  /**
   * Cohort results already computed, by the properties object they were matched against (person
   * or one group's) and cohort id: `true`/`false`, or the signal it threw.
   */
  readonly cohortResults: Map<object, Map<string, CohortResult>>
  /** The work bound of this evaluation. */
  readonly budget: EvaluationBudget
  /** Current nesting depth of dependencies/cohorts. */
  depth: number
  /** Person properties with `distinct_id` added (built on first use). */
  personProperties(): Record<string, unknown>
  /** Properties of a group listed in `groups`, with `$group_key` added, or undefined. */
  groupProperties(groupType: string): Record<string, unknown> | undefined
}

/** A remembered cohort result: its membership, or what deciding it threw. */
export type CohortResult = { matches: boolean } | { threw: unknown }

/** Creates the context of one evaluation. */
export function createEvaluationContext(
  index: DefinitionsIndex,
  subject: FlagSubject,
  settings: PropertyMatchSettings,
  budget: EvaluationBudget = new EvaluationBudget(),
): EvaluationContext {
  const groups: Record<string, unknown> = subject.groups || {}
  let person: Record<string, unknown> | undefined
  let groupProps: Map<string, Record<string, unknown>> | undefined
  return {
    index,
    subject,
    groups,
    settings,
    dependencyValues: new Map(),
    cohortResults: new Map(),
    budget,
    depth: 0,
    personProperties() {
      person ??= { distinct_id: subject.distinctId, ...(subject.personProperties || {}) }
      return person
    },
    groupProperties(groupType) {
      if (groupProps === undefined) {
        groupProps = new Map()
        for (const name of Object.keys(groups)) {
          groupProps.set(name, { $group_key: groups[name], ...(subject.groupProperties?.[name] || {}) })
        }
      }
      return groupProps.get(groupType)
    },
  }
}
