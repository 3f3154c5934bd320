/**
 * What compiling a regex will cost, estimated before compiling it.
 *
 * RE2 (`re2js`) matches in linear time, but compiling expands counted repetition: `x{0,1000}` is
 * a thousand states, and `x{0,1000}` repeated 600 times (5.4 KB) takes seconds to compile.
 * Patterns come from flag definitions and are untrusted, so their length and the size of their
 * compiled program are capped, per pattern and per definitions version; a pattern over a cap is
 * refused (the filter is inconclusive) without ever being compiled.
 */

/** Longest pattern compiled, in characters. */
export const MAX_REGEX_LENGTH = 4096

/** Largest estimated compiled size of one pattern, in states (about 25 ms of compiling on a slow core). */
export const MAX_REGEX_COST = 5_000

/** Largest estimated compiled size of all the patterns of one definitions version. */
export const MAX_REGEX_COST_PER_VERSION = 50_000

/** A bracket expression or a class escape (`\d`, `.`) compiles to a set of ranges: dearer than a literal. */
const CLASS_COST = 8

interface Frame {
  /** Cost of the finished alternatives of this group. */
  done: number
  /** Cost of the alternative being read. */
  current: number
  /** Cost of the last atom (what a quantifier applies to). */
  last: number
}

/** The index just after the bracket expression that starts at `at` (`[` … `]`, escapes honoured). */
function classEnd(pattern: string, at: number): number {
  let i = at + 1
  if (pattern[i] === '^') i++
  if (pattern[i] === ']') i++
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1
  return i + 1
}

/** Reads `{n}`, `{n,}` or `{n,m}` at `at`: the most copies it makes and where it ends. */
function repetition(pattern: string, at: number): { copies: number; end: number } | undefined {
  const match = /^\{(\d+)(?:(,)(\d*))?\}/.exec(pattern.slice(at, at + 24))
  if (match === null) return undefined
  const min = Number(match[1])
  const max = match[2] === undefined ? min : match[3] === '' ? min + 1 : Number(match[3])
  return { copies: Math.max(min, max, 1), end: at + match[0].length }
}

function addAtom(frame: Frame, cost: number): void {
  frame.current += cost
  frame.last = cost
}

/**
 * The estimated number of states of the compiled form of `pattern` (a pattern in the portable
 * subset, see `regex-portability.ts`): literals count 1, classes {@link CLASS_COST}, `*` `+` `?`
 * add 1, and `{n,m}` multiplies what it repeats by its larger count, nested repetition
 * multiplying again. Linear in the pattern's length.
 */
export function regexCost(pattern: string): number {
  const stack: Frame[] = [{ done: 0, current: 0, last: 0 }]
  let afterQuantifier = false
  for (let i = 0; i < pattern.length;) {
    const frame = stack[stack.length - 1] as Frame
    const ch = pattern[i] as string
    let quantifier = false
    if (ch === '\\') {
      const escaped = pattern[i + 1] ?? ''
      addAtom(frame, 'dDsSwW'.includes(escaped) ? CLASS_COST : 1)
      i += escaped === 'x' ? 4 : 2
    } else if (ch === '[') {
      addAtom(frame, CLASS_COST)
      i = classEnd(pattern, i)
    } else if (ch === '(') {
      stack.push({ done: 0, current: 0, last: 0 })
      i += pattern[i + 1] === '?' ? 3 : 1
    } else if (ch === ')' && stack.length > 1) {
      stack.pop()
      addAtom(stack[stack.length - 1] as Frame, frame.done + frame.current + 1)
      i++
    } else if (ch === '|') {
      frame.done += frame.current + 1
      frame.current = 0
      frame.last = 0
      i++
    } else if (ch === '{' && repetition(pattern, i) !== undefined) {
      const { copies, end } = repetition(pattern, i) as { copies: number; end: number }
      frame.current += frame.last * (copies - 1)
      frame.last *= copies
      quantifier = true
      i = end
    } else if (ch === '*' || ch === '+' || ch === '?') {
      // A `?` right after a quantifier makes it lazy: no new state.
      if (!(ch === '?' && afterQuantifier)) frame.current += 1
      quantifier = true
      i++
    } else {
      addAtom(frame, ch === '.' ? CLASS_COST : 1)
      i++
    }
    afterQuantifier = quantifier
  }
  let cost = 0
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    cost += frame.done + frame.current
  }
  return cost
}
