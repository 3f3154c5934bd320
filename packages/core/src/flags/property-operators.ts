/**
 * Matching one property filter against the subject's known properties.
 */
import { parseDateFilterValue, toDate } from './date-filter.js'
import { exactMatches } from './exact-match.js'
import { assertFilterSupported, TEXT_OPERATORS } from './filter-support.js'
import { regexFinds, type PatternCache } from './regex-filter.js'
import { caretRange, compareVersions, inRange, parseVersion, tildeRange, wildcardRange } from './semver-filter.js'
import { readingContext, Unresolved, unsupported } from './unresolved.js'
import type { FlagPropertyFilter } from './definition-types.js'
import type { VersionRange } from './semver-filter.js'

/** What a property match needs besides the filter and the properties. */
export interface PropertyMatchSettings {
  /** The payload's `property_matching_version`. */
  matchingVersion: unknown
  /** The clock for relative dates. */
  now: Date
  /** Compiled regexes of the definitions being evaluated (default: a small shared cache). */
  patterns?: PatternCache
}

// Operators that read a null property as the string "null"; all others are false on null.
const NULL_AS_TEXT = new Set(['exact', 'is_not', ...TEXT_OPERATORS])

/** Lower-cases ASCII letters only, as the flags service does for substring operators. */
function asciiLower(value: unknown): string {
  return String(value).replace(/[A-Z]/g, (c) => c.toLowerCase())
}

function compareOrdered(actual: unknown, target: unknown, operator: string): boolean {
  const t = typeof target === 'number' ? target : parseFloat(String(target))
  const a = typeof actual === 'number' ? actual : actual != null ? parseFloat(String(actual)) : NaN
  const [lhs, rhs]: [number | string, number | string] =
    Number.isFinite(t) && Number.isFinite(a) ? [a, t] : [String(actual), String(target)]
  if (operator === 'gt') return lhs > rhs
  if (operator === 'gte') return lhs >= rhs
  if (operator === 'lt') return lhs < rhs
  return lhs <= rhs
}

function actualVersion(actual: unknown): ReturnType<typeof parseVersion> {
  return readingContext(() => parseVersion(actual))
}

function versionOrder(actual: unknown, target: unknown): number {
  const filterVersion = parseVersion(target)
  return compareVersions(actualVersion(actual), filterVersion)
}

function versionWithin(actual: unknown, range: VersionRange): boolean {
  return inRange(actualVersion(actual), range)
}

function matchPresentValue(operator: string, target: unknown, actual: unknown, settings: PropertyMatchSettings): boolean {
  switch (operator) {
    case 'exact':
      return exactMatches(target, actual, settings.matchingVersion)
    case 'is_not':
      return !exactMatches(target, actual, settings.matchingVersion)
    case 'icontains':
      return asciiLower(actual).includes(asciiLower(target))
    case 'not_icontains':
      return !asciiLower(actual).includes(asciiLower(target))
    case 'starts_with':
      return asciiLower(actual).startsWith(asciiLower(target))
    case 'not_starts_with':
      return !asciiLower(actual).startsWith(asciiLower(target))
    case 'ends_with':
      return asciiLower(actual).endsWith(asciiLower(target))
    case 'not_ends_with':
      return !asciiLower(actual).endsWith(asciiLower(target))
    case 'regex':
    case 'not_regex': {
      const found = regexFinds(String(target), String(actual), settings.patterns)
      if (found === null) return false
      return operator === 'regex' ? found : !found
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareOrdered(actual, target, operator)
    case 'is_date_after':
    case 'is_date_before': {
      const filterDate = parseDateFilterValue(target, settings.now)
      const actualDate = readingContext(() => toDate(actual))
      return operator === 'is_date_before' ? actualDate < filterDate : actualDate > filterDate
    }
    case 'semver_eq':
      return versionOrder(actual, target) === 0
    case 'semver_neq':
      return versionOrder(actual, target) !== 0
    case 'semver_gt':
      return versionOrder(actual, target) > 0
    case 'semver_gte':
      return versionOrder(actual, target) >= 0
    case 'semver_lt':
      return versionOrder(actual, target) < 0
    case 'semver_lte':
      return versionOrder(actual, target) <= 0
    case 'semver_tilde':
      return versionWithin(actual, tildeRange(target))
    case 'semver_caret':
      return versionWithin(actual, caretRange(target))
    case 'semver_wildcard':
      return versionWithin(actual, wildcardRange(target))
    default:
      return unsupported(`unknown operator: ${operator}`)
  }
}

function matchUnchecked(filter: FlagPropertyFilter, properties: object, settings: PropertyMatchSettings): boolean {
  const operator = filter.operator || 'exact'
  if (!Object.prototype.hasOwnProperty.call(properties, filter.key)) {
    throw new Unresolved('missing-context', `property ${String(filter.key)} not given`)
  }
  if (operator === 'is_not_set') return false
  if (operator === 'is_set') return true
  const actual: unknown = (properties as Record<string, unknown>)[filter.key]
  if (actual === undefined) unsupported(`property ${String(filter.key)} is undefined`)
  if (actual === null && !NULL_AS_TEXT.has(operator)) return false
  return matchPresentValue(operator, filter.value, actual, settings)
}

/**
 * Whether the properties satisfy the filter. Throws {@link Unresolved} when that cannot be
 * decided locally (missing property, unusable filter value, undecidable regex, …).
 */
export function matchPropertyFilter(filter: FlagPropertyFilter, properties: object, settings: PropertyMatchSettings): boolean {
  try {
    return matchUnchecked(filter, properties, settings)
  } catch (e) {
    // An unusable filter outranks missing context.
    if (e instanceof Unresolved && e.cause === 'missing-context') assertFilterSupported(filter, settings.now)
    throw e
  }
}
