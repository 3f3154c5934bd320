/**
 * The definitions payload indexed for evaluation, cached per payload object.
 *
 * Payloads are treated as immutable once evaluated against: the index is rebuilt only when the
 * payload's `flags` array (identity or length) changes. Each index is one definitions version: it
 * holds the regexes compiled for it, so a pattern is compiled at most once per version.
 */
import { PatternCache } from './regex-filter.js'
import type { FlagDefinition, FlagDefinitions, PropertyGroup } from './definition-types.js'

/** The parts of a payload the evaluator reads, ready for lookups. */
export interface DefinitionsIndex {
  /** Flags by key; when keys repeat, the last definition wins. */
  readonly flagsByKey: ReadonlyMap<string, FlagDefinition>
  /** All flags in payload order (deduplicated by key, last wins). */
  readonly flags: readonly FlagDefinition[]
  /** Group type index (string) → name. */
  readonly groupTypeMapping: Readonly<Record<string, unknown>>
  /** Cohort definitions by id. */
  readonly cohorts: Readonly<Record<string, PropertyGroup>>
  /** `property_matching_version` of the payload. */
  readonly matchingVersion: unknown
  /** The regexes of this version, compiled on first use (with this version's compile budget). */
  readonly patterns: PatternCache
}

interface CachedIndex {
  flagsRef: unknown
  flagsLength: number
  index: DefinitionsIndex
}

const cache = new WeakMap<object, CachedIndex>()

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function buildIndex(definitions: FlagDefinitions): DefinitionsIndex {
  const flagsByKey = new Map<string, FlagDefinition>()
  const list: readonly unknown[] = Array.isArray(definitions.flags) ? definitions.flags : []
  for (const flag of list) {
    if (isObject(flag)) flagsByKey.set(String(flag['key']), flag as unknown as FlagDefinition)
  }
  const mapping: unknown = definitions.group_type_mapping
  const cohorts: unknown = definitions.cohorts
  return {
    flagsByKey,
    flags: [...flagsByKey.values()],
    groupTypeMapping: isObject(mapping) ? mapping : {},
    cohorts: isObject(cohorts) ? (cohorts as Record<string, PropertyGroup>) : {},
    matchingVersion: definitions.property_matching_version,
    patterns: new PatternCache(),
  }
}

/** The index of `definitions` (cached while its `flags` array is unchanged). */
export function indexDefinitions(definitions: FlagDefinitions): DefinitionsIndex {
  const flagsRef: unknown = isObject(definitions) ? definitions.flags : undefined
  const flagsLength = Array.isArray(flagsRef) ? flagsRef.length : -1
  const cached = isObject(definitions) ? cache.get(definitions) : undefined
  if (cached && cached.flagsRef === flagsRef && cached.flagsLength === flagsLength) return cached.index
  const index = buildIndex(isObject(definitions) ? definitions : { flags: [] })
  if (isObject(definitions)) cache.set(definitions, { flagsRef, flagsLength, index })
  return index
}
