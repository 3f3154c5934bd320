/**
 * The `regex` / `not_regex` operators, decided without ever running a backtracking engine.
 *
 * Patterns come from flag definitions and are untrusted. They are decided the way posthog-node
 * decides them (same portable subset, same treatment of invalid patterns, same input limits),
 * but the match itself runs on RE2 (`re2js`, linear time) after translation. JavaScript's
 * `RegExp` constructor is used only to check the syntax, which parses without matching.
 * Compiling is bounded too: each pattern is compiled at most once per definitions version
 * ({@link PatternCache}), and a pattern over the length or cost caps of `regex-cost.ts` is
 * refused without being compiled.
 */
import { RE2JS } from 're2js'
import { MAX_REGEX_COST, MAX_REGEX_COST_PER_VERSION, MAX_REGEX_LENGTH, regexCost } from './regex-cost.js'
import { portableRegexClasses } from './regex-portability.js'
import { toRe2Syntax } from './regex-translation.js'
import { Unresolved } from './unresolved.js'

/** What a pattern compiles to: a matcher, "invalid" (never matches) or a reason to give up. */
type CompiledPattern = { kind: 'matcher'; re2: RE2JS } | { kind: 'invalid' } | { kind: 'undecidable'; detail: string }

// Only ASCII without carriage returns reads the same in both engines.
// eslint-disable-next-line no-control-regex -- the portable input range is defined by its control characters
const UNPORTABLE_INPUT = /[^\x00-\x0c\x0e-\x7f]/

/** Checks everything but the cost; undefined when the pattern may be compiled. */
function precheck(pattern: string): CompiledPattern | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) {
    return { kind: 'undecidable', detail: `regex longer than ${MAX_REGEX_LENGTH} characters` }
  }
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
  return undefined
}

/**
 * Compiled patterns of one definitions version, with that version's compile budget
 * ({@link MAX_REGEX_COST_PER_VERSION}): each pattern is compiled at most once, and once the
 * budget is spent further patterns are refused (inconclusive) rather than compiled.
 */
export class PatternCache {
  private readonly patterns = new Map<string, CompiledPattern>()
  private spent = 0

  /**
   * @param budget - Estimated states all patterns of this cache may compile to.
   * @param maxEntries - Most patterns kept (the whole cache is dropped beyond it); only the
   *   cache shared by callers without definitions needs one.
   */
  constructor(
    private readonly budget = MAX_REGEX_COST_PER_VERSION,
    private readonly maxEntries = Infinity,
  ) {}

  /** The compiled form of `pattern`, compiling it on first use. */
  get(pattern: string): CompiledPattern {
    let entry = this.patterns.get(pattern)
    if (entry === undefined) {
      entry = this.compile(pattern)
      if (this.patterns.size >= this.maxEntries) this.patterns.clear()
      this.patterns.set(pattern, entry)
    }
    return entry
  }

  private compile(pattern: string): CompiledPattern {
    const refused = precheck(pattern)
    if (refused !== undefined) return refused
    const cost = regexCost(pattern)
    if (cost > MAX_REGEX_COST) {
      return { kind: 'undecidable', detail: `regex too costly to compile (about ${cost} states; the cap is ${MAX_REGEX_COST})` }
    }
    if (this.spent + cost > this.budget) {
      return { kind: 'undecidable', detail: `regex compile budget of these definitions (${this.budget} states) is spent` }
    }
    this.spent += cost
    try {
      return { kind: 'matcher', re2: RE2JS.compile(toRe2Syntax(pattern)) }
    } catch {
      // E.g. repetition counts above RE2's limit of 1000: deciding them safely is not possible.
      return { kind: 'undecidable', detail: 'regex cannot be matched in linear time (RE2 rejected it)' }
    }
  }
}

/** For callers without definitions (tests, direct operator calls): per-pattern caps only. */
const shared = new PatternCache(Infinity, 1000)

/**
 * Whether `value` contains a match of `pattern`, or `null` when the pattern is invalid (both
 * `regex` and `not_regex` are then false). Throws {@link Unresolved} when it cannot be decided
 * locally (including a pattern over the length or cost caps).
 *
 * @param patterns - The compiled patterns of the definitions being evaluated.
 */
export function regexFinds(pattern: string, value: string, patterns: PatternCache = shared): boolean | null {
  if (pattern === '') return true
  const entry = patterns.get(pattern)
  if (entry.kind === 'invalid') return null
  if (entry.kind === 'undecidable') throw new Unresolved('unsupported-definition', entry.detail, false, true)
  if (UNPORTABLE_INPUT.test(value)) {
    throw new Unresolved('unsupported-definition', 'regex input with non-ASCII or \\r', false, true)
  }
  return entry.re2.test(value)
}
