/**
 * The `regex` / `not_regex` operators, decided without ever running a backtracking engine.
 *
 * Patterns come from flag definitions and are untrusted. They are decided the way posthog-node
 * decides them (same portable subset, same treatment of invalid patterns, same input limits),
 * but the match itself runs on RE2 (`re2js`, linear time) after translation. JavaScript's
 * `RegExp` constructor is used only to check the syntax, which parses without matching.
 */
import { RE2JS } from 're2js'
import { portableRegexClasses } from './regex-portability.js'
import { toRe2Syntax } from './regex-translation.js'
import { Unresolved } from './unresolved.js'

/** What a pattern compiles to: a matcher, "invalid" (never matches) or a reason to give up. */
type CompiledPattern = { kind: 'matcher'; re2: RE2JS } | { kind: 'invalid' } | { kind: 'undecidable'; detail: string }

const CACHE_LIMIT = 1000
const cache = new Map<string, CompiledPattern>()

// Only ASCII without carriage returns reads the same in both engines.
const UNPORTABLE_INPUT = /[^\x00-\x0c\x0e-\x7f]/

function compilePattern(pattern: string): CompiledPattern {
  const classes = portableRegexClasses(pattern)
  if (classes === null) return { kind: 'undecidable', detail: 'regex syntax outside the portable subset' }
  try {
    new RegExp(pattern)
  } catch (error) {
    if (error instanceof SyntaxError) return { kind: 'invalid' }
    return { kind: 'undecidable', detail: 'regex compilation failed' }
  }
  for (const cls of classes) {
    try {
      new RegExp(cls, 'u')
    } catch {
      return { kind: 'undecidable', detail: 'regex character class outside the portable subset' }
    }
  }
  try {
    return { kind: 'matcher', re2: RE2JS.compile(toRe2Syntax(pattern)) }
  } catch {
    // E.g. repetition counts above RE2's limit of 1000: deciding them safely is not possible.
    return { kind: 'undecidable', detail: 'regex cannot be matched in linear time (RE2 rejected it)' }
  }
}

function compiled(pattern: string): CompiledPattern {
  let entry = cache.get(pattern)
  if (entry === undefined) {
    entry = compilePattern(pattern)
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(pattern, entry)
  }
  return entry
}

/**
 * Whether `value` contains a match of `pattern`, or `null` when the pattern is invalid (both
 * `regex` and `not_regex` are then false). Throws {@link Unresolved} when it cannot be decided
 * locally.
 */
export function regexFinds(pattern: string, value: string): boolean | null {
  if (pattern === '') return true
  const entry = compiled(pattern)
  if (entry.kind === 'invalid') return null
  if (entry.kind === 'undecidable') throw new Unresolved('unsupported-definition', entry.detail, false, true)
  if (UNPORTABLE_INPUT.test(value)) {
    throw new Unresolved('unsupported-definition', 'regex input with non-ASCII or \\r', false, true)
  }
  return entry.re2.test(value)
}
