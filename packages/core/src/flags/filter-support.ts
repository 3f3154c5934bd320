/**
 * Whether a property filter is usable locally at all, whatever the subject holds: a known
 * operator with a filter value that operator can parse.
 */
import { parseDateFilterValue } from './date-filter.js'
import { exactMatchText } from './exact-match.js'
import { caretRange, parseVersion, tildeRange, wildcardRange } from './semver-filter.js'
import { unsupported } from './unresolved.js'
import type { FlagPropertyFilter } from './definition-types.js'

/** The operators that compare the property as text (a null property reads as `"null"`). */
export const TEXT_OPERATORS = [
  'icontains',
  'not_icontains',
  'starts_with',
  'not_starts_with',
  'ends_with',
  'not_ends_with',
  'regex',
  'not_regex',
]

/** Operators that need no parsing of the filter value. */
const PLAIN_OPERATORS = new Set(['is_set', 'is_not_set', ...TEXT_OPERATORS, 'gt', 'gte', 'lt', 'lte'])

const VERSION_OPERATORS = new Set(['semver_eq', 'semver_neq', 'semver_gt', 'semver_gte', 'semver_lt', 'semver_lte'])

/** Throws {@link Unresolved} (unsupported definition) when the filter can never be decided locally. */
export function assertFilterSupported(filter: FlagPropertyFilter, now: Date): void {
  const value: unknown = filter.value
  const operator = filter.operator || 'exact'
  if (operator === 'exact' || operator === 'is_not') {
    for (const item of Array.isArray(value) ? value : [value]) exactMatchText(item)
  } else if (operator === 'is_date_after' || operator === 'is_date_before') {
    parseDateFilterValue(value, now)
  } else if (VERSION_OPERATORS.has(operator)) {
    parseVersion(value)
  } else if (operator === 'semver_tilde') {
    tildeRange(value)
  } else if (operator === 'semver_caret') {
    caretRange(value)
  } else if (operator === 'semver_wildcard') {
    wildcardRange(value)
  } else if (!PLAIN_OPERATORS.has(operator)) {
    unsupported(`unknown operator: ${String(operator)}`)
  }
}
