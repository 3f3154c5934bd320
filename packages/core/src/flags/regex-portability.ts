/**
 * Which regex patterns can be decided locally at all.
 *
 * The flags service runs Rust's `regex` crate; PostHog's SDKs only decide patterns written in the
 * subset both engines read the same way (ASCII, no lookaround, no backreferences, no possessive
 * or nested quantifier forms, …). Everything else needs the server. This scan mirrors that
 * subset exactly so that we give up precisely where posthog-node gives up.
 */

// Escaped space and ASCII punctuation are literals in both engines (except `\<` and `\>`).
const LITERAL_ESCAPE = /[\x20-\x2f:;=?@\x5b-\x60\x7b-\x7e]/
const REPETITION = /^\{(\d+)(?:,(\d*))?\}/
const MAX_REPEAT = 0xffffffff

type Token = string

function isBadEscape(pattern: string, at: number, inClass: boolean): boolean {
  const escaped = pattern[at] ?? ''
  if (escaped === 'x') return !/^[\da-f]{2}$/i.test(pattern.slice(at + 1, at + 3))
  if (!'dDsSwWbBfnrtv'.includes(escaped) && !LITERAL_ESCAPE.test(escaped)) return true
  // Word boundaries can exhaust the service's backtracking limit, so they are server-only.
  return !inClass && (escaped === 'b' || escaped === 'B')
}

function isBadRepetition(pattern: string, at: number, previous: Token): boolean {
  const repetition = REPETITION.exec(pattern.slice(at))
  if (!repetition || previous === '' || previous === '|' || previous === '(') return true
  return repetition.slice(1).some((count) => Number(count) > MAX_REPEAT)
}

/**
 * The bracket expressions of `pattern` when it is inside the portable subset, else `null`.
 * (The classes are returned so the caller can check them under stricter parsing.)
 */
export function portableRegexClasses(pattern: string): string[] | null {
  const classes: string[] = []
  let classStart = -1
  let previous: Token = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? ''
    if (ch.charCodeAt(0) > 0x7f) return null
    if (ch === '\\') {
      i++
      if (i >= pattern.length) break
      if (isBadEscape(pattern, i, classStart !== -1)) return null
      if (pattern[i] === 'x') i += 2
      previous = 'literal'
      continue
    }
    if (ch === '[') {
      if (classStart !== -1) return null
      classStart = i
    } else if (ch === ']' && classStart !== -1) {
      const contentStart = classStart + (pattern[classStart + 1] === '^' ? 2 : 1)
      if (i === contentStart) return null
      classes.push(pattern.slice(classStart, i + 1))
      classStart = -1
      previous = 'literal'
      continue
    } else if (classStart !== -1) {
      const pair = pattern.slice(i, i + 2)
      if (pair === '&&' || pair === '--' || pair === '~~') return null
      continue
    } else if (ch === '(' && pattern[i + 1] === '?') {
      if (pattern[i + 2] !== ':') return null
      i += 2
    } else if (ch === '{') {
      if (isBadRepetition(pattern, i, previous)) return null
    } else if ('*+?}'.includes(ch) && (pattern[i + 1] === '+' || pattern[i + 1] === '{')) {
      return null
    }
    // A repeated anchor or repeated empty group reads differently in the two engines.
    if ('*+?{'.includes(ch) && (previous === '^' || previous === '$' || previous === 'empty group')) return null
    previous = ch === ')' && (previous === '(' || previous === 'empty group') ? 'empty group' : ch
  }
  return classes
}
