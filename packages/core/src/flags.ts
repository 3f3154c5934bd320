/**
 * `@polytrack/core/flags`: a pure, vendor-neutral evaluator for feature flags defined in the
 * PostHog local-evaluation format. See docs/feature-flags-evaluator.md.
 */
export { evaluateAllFlags, evaluateFlag } from './flags/evaluate-flags.js'
export { MAX_EVALUATION_STEPS, MAX_STEPS_PER_CALL } from './flags/evaluation-budget.js'
export { MAX_REGEX_COST, MAX_REGEX_COST_PER_VERSION, MAX_REGEX_LENGTH } from './flags/regex-cost.js'
export type {
  FlagCondition,
  FlagDefinition,
  FlagDefinitions,
  FlagFilters,
  FlagFilterValue,
  FlagHoldout,
  FlagPropertyFilter,
  FlagVariant,
  PropertyGroup,
} from './flags/definition-types.js'
export type { EvaluateFlagOptions, FlagEvaluation, FlagReason, FlagSubject, InconclusiveCause } from './flags/evaluation-types.js'
