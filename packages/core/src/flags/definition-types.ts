/**
 * Types of the PostHog-compatible local-evaluation payload (`GET /flags/definitions`).
 *
 * The shapes describe what a well-formed payload holds. The evaluator still treats every field
 * as untrusted: a value of the wrong type never throws out of it, it makes the flag inconclusive.
 */

/** A value a property filter compares against. */
export type FlagFilterValue = string | number | boolean | null | readonly (string | number | boolean | null)[]

/**
 * One filter inside a condition or cohort: a person/group property test, a cohort membership
 * test (`type: "cohort"`) or a flag dependency (`type: "flag"`).
 */
export interface FlagPropertyFilter {
  /** Property name, or the flag key for `type: "flag"`. */
  key: string
  /** `"person"`, `"group"`, `"cohort"`, `"flag"`; anything else is matched as a property. */
  type?: string
  /** The value the operator compares with (the cohort id for cohorts). */
  value?: FlagFilterValue | unknown
  /** Operator name; absent or empty means `exact`. */
  operator?: string | null
  /** Inside cohorts only: invert this filter's result. */
  negation?: boolean
  /** For flag dependencies: the keys to evaluate first, ending with `key`. */
  dependency_chain?: readonly string[]
  /** Group type index for group property filters (informational). */
  group_type_index?: number | null
}

/** A nested AND/OR group of filters, as used by cohort definitions. */
export interface PropertyGroup {
  /** How `values` combine. `"property"` is read as AND. */
  type: 'AND' | 'OR' | string
  /** Either only nested groups or only filters (decided by the first element). */
  values: readonly (PropertyGroup | FlagPropertyFilter)[]
}

/** One release condition (`filters.groups[i]`). */
export interface FlagCondition {
  /** Filters that must all match. */
  properties?: readonly FlagPropertyFilter[]
  /** Share of matching subjects that get the flag, 0–100; absent means 100. */
  rollout_percentage?: number | null
  /** Variant forced for subjects matching this condition (ignored unless it names a variant). */
  variant?: string | null
  /** Overrides the flag's aggregation for this condition only (mixed person/group targeting). */
  aggregation_group_type_index?: number | null
}

/** One multivariate variant. */
export interface FlagVariant {
  /** Variant key returned as the flag value. */
  key: string
  /** Share of the rolled-out subjects, 0–100. */
  rollout_percentage: number
  /** Display name (informational). */
  name?: string | null
}

/** An experiment holdout attached to a flag. */
export interface FlagHoldout {
  /** Holdout id; a held-out subject gets the value `holdout-<id>`. */
  id: number
  /** Share of subjects held out, 0–100. */
  exclusion_percentage: number
}

/** The `filters` object of a flag definition. */
export interface FlagFilters {
  /** Group type index the flag aggregates by; absent or null for person flags. */
  aggregation_group_type_index?: number | null
  /** Release conditions, evaluated in order. */
  groups?: readonly FlagCondition[]
  /** Variants of a multivariate flag. */
  multivariate?: { variants: readonly FlagVariant[] } | null
  /** Payloads by flag value (`"true"` or a variant key), usually JSON text. */
  payloads?: Record<string, unknown> | null
  /** Experiment holdout, checked before the conditions. */
  holdout?: FlagHoldout | null
  /** Stop at the first condition whose filters match but whose rollout excludes the subject. */
  early_exit?: boolean
}

/** One flag of the definitions payload. */
export interface FlagDefinition {
  /** Flag key. */
  key: string
  /** Numeric id (informational). */
  id?: number
  /** Display name (informational). */
  name?: string
  /** An inactive flag evaluates to `false`. */
  active: boolean
  /** Deleted flags are still evaluated like any other (the server does not send them). */
  deleted?: boolean
  /** Targeting rules. */
  filters?: FlagFilters
  /** Needs server-side state: never resolvable locally. */
  ensure_experience_continuity?: boolean
  /** `"device_id"` buckets person flags on the `$device_id` person property. */
  bucketing_identifier?: 'distinct_id' | 'device_id' | '' | null
  /** Legacy flag-level rollout; not used by evaluation. */
  rollout_percentage?: number | null
  /** Where the flag is meant to be evaluated (informational). */
  evaluation_runtime?: 'all' | 'client' | 'server' | null
}

/** The whole local-evaluation payload. */
export interface FlagDefinitions {
  /** All flags; when keys repeat, the last definition wins. */
  flags: readonly FlagDefinition[]
  /** Group type index (as a string) → group type name. */
  group_type_mapping?: Record<string, string>
  /** Dynamic cohort definitions by id; a cohort missing here is static (server only). */
  cohorts?: Record<string, PropertyGroup>
  /** `2` switches `exact`/`is_not` to explicit-equality matching of boolean-like values. */
  property_matching_version?: number
}
