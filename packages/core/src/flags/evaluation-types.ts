/**
 * Types of an evaluation request and its answer.
 */

/** Who a flag is evaluated for. */
export interface FlagSubject {
  /** The person's distinct id; person flags bucket on it. */
  distinctId: string
  /**
   * Known person properties. `distinct_id` is added unless present. A filter on a property that
   * is not here is inconclusive, never `false`.
   */
  personProperties?: Record<string, unknown>
  /** Group type name → group key, e.g. `{ company: "acme" }`. */
  groups?: Record<string, string>
  /**
   * Group type name → known properties. Only groups listed in `groups` are used; `$group_key`
   * is added to each unless present.
   */
  groupProperties?: Record<string, Record<string, unknown>>
}

/** Options of a single evaluation. */
export interface EvaluateFlagOptions {
  /** The clock for relative date filters (`-7d`). Defaults to the current time. */
  now?: Date
}

/**
 * Why a flag could not be decided locally, in the vocabulary PostHog's SDKs report
 * (`missing_context` etc.), plus `malformed-definition` for definitions we cannot read and
 * `evaluation-limit` for definitions that would take more than the work bound of one evaluation
 * (see docs/feature-flags-evaluator.md; posthog-node has no such bound).
 */
export type InconclusiveCause =
  | 'experience-continuity'
  | 'unsupported-definition'
  | 'unresolved-dependency'
  | 'missing-context'
  | 'malformed-definition'
  | 'evaluation-limit'

/** Why a flag has the value it has. */
export type FlagReason =
  /** Condition `conditionIndex` matched and the subject is inside its rollout. */
  | { kind: 'condition-match'; conditionIndex: number }
  /** No condition's filters matched. */
  | { kind: 'no-condition-match' }
  /**
   * Condition `conditionIndex` matched but the rollout excluded the subject, and no later
   * condition matched (or `early_exit` stopped evaluation there).
   */
  | { kind: 'rollout-miss'; conditionIndex: number; earlyExit: boolean }
  /** The flag is not active. */
  | { kind: 'disabled' }
  /** A group flag evaluated without that group in `subject.groups`. */
  | { kind: 'group-missing'; groupType: string }
  /** The subject is in the flag's experiment holdout. */
  | { kind: 'holdout'; holdoutId: unknown }
  /** The value needs the server (value is `undefined`). */
  | { kind: 'inconclusive'; because: InconclusiveCause; detail: string }
  /** No flag with this key in the definitions (value is `undefined`). */
  | { kind: 'not-found' }

/** The answer for one flag. */
export interface FlagEvaluation {
  /** The flag key. */
  key: string
  /**
   * `false`, `true`, a variant key, or `undefined` when the flag cannot be decided locally
   * (where posthog-node with `onlyEvaluateLocally` answers `undefined`).
   */
  value: boolean | string | undefined
  /** The variant key when `value` is a string. */
  variant?: string
  /** The payload for the value, parsed as JSON when possible; absent when there is none. */
  payload?: unknown
  /** Why. */
  reason: FlagReason
}
