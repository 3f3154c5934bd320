/**
 * Translation of a portable pattern (see `regex-portability.ts`) that JavaScript accepts into
 * RE2 syntax with the same meaning on ASCII input without `\r`, which is the only input such a
 * pattern is ever run on.
 *
 * Every literal is emitted as `\x{HH}` and every character class (`.`, `\d`, `[^a-z]`, …) as an
 * explicit ASCII set, so no escape or bracket rule of the two dialects needs to agree. The
 * differences that matter are handled here: JavaScript's `\s` includes `\v` (RE2's does not) and
 * `[\b]` is a backspace.
 */

/** A set of ASCII code points. */
type AsciiSet = boolean[]

const ASCII = 128

function setOf(predicate: (code: number) => boolean): AsciiSet {
  return Array.from({ length: ASCII }, (_, code) => predicate(code))
}

const inRange = (code: number, from: string, to: string): boolean => code >= from.charCodeAt(0) && code <= to.charCodeAt(0)
const isDigit = (code: number): boolean => inRange(code, '0', '9')
const isWord = (code: number): boolean => isDigit(code) || inRange(code, 'a', 'z') || inRange(code, 'A', 'Z') || code === 0x5f
const isSpace = (code: number): boolean => (code >= 0x09 && code <= 0x0d) || code === 0x20

const CLASS_ESCAPES: Record<string, AsciiSet> = {
  d: setOf(isDigit),
  D: setOf((c) => !isDigit(c)),
  w: setOf(isWord),
  W: setOf((c) => !isWord(c)),
  s: setOf(isSpace),
  S: setOf((c) => !isSpace(c)),
}

const CONTROL_ESCAPES: Record<string, number> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b }

// JavaScript's `.` stops at line terminators; of those only `\n` can occur in the input.
const DOT = setOf((c) => c !== 0x0a && c !== 0x0d)

const hex = (code: number): string => `\\x{${code.toString(16).padStart(2, '0')}}`

function emitSet(set: AsciiSet): string {
  let out = ''
  for (let code = 0; code < ASCII; code++) {
    if (!set[code]) continue
    let end = code
    while (end + 1 < ASCII && set[end + 1]) end++
    out += end === code ? hex(code) : `${hex(code)}-${hex(end)}`
    code = end
  }
  // An empty set must still be an atom that matches nothing.
  return out === '' ? '[^\\x{00}-\\x{10ffff}]' : `[${out}]`
}

/** One parsed atom: a single character code or a set. */
type Atom = { code: number; end: number } | { set: AsciiSet; end: number }

function readEscape(pattern: string, at: number, inClass: boolean): Atom {
  const escaped = pattern[at + 1] ?? ''
  if (escaped === 'x') return { code: parseInt(pattern.slice(at + 2, at + 4), 16), end: at + 4 }
  const set = CLASS_ESCAPES[escaped]
  if (set) return { set, end: at + 2 }
  if (inClass && escaped === 'b') return { code: 0x08, end: at + 2 }
  const control = CONTROL_ESCAPES[escaped]
  return { code: control ?? escaped.charCodeAt(0), end: at + 2 }
}

function readClassAtom(pattern: string, at: number): Atom {
  return pattern[at] === '\\' ? readEscape(pattern, at, true) : { code: pattern.charCodeAt(at), end: at + 1 }
}

/** Parses `[...]` starting at `at`; returns the set (negation applied) and the index after `]`. */
function readClass(pattern: string, at: number): { set: AsciiSet; end: number } {
  let i = at + 1
  const negated = pattern[i] === '^'
  if (negated) i++
  const set: AsciiSet = setOf(() => false)
  while (i < pattern.length && pattern[i] !== ']') {
    const first = readClassAtom(pattern, i)
    i = first.end
    if ('code' in first && pattern[i] === '-' && pattern[i + 1] !== ']' && i + 1 < pattern.length) {
      const last = readClassAtom(pattern, i + 1)
      if ('code' in last) {
        for (let c = first.code; c <= last.code && c < ASCII; c++) set[c] = true
        i = last.end
        continue
      }
    }
    if ('code' in first) {
      if (first.code < ASCII) set[first.code] = true
    } else {
      first.set.forEach((member, c) => (set[c] = set[c] || member))
    }
  }
  return { set: negated ? set.map((member) => !member) : set, end: i + 1 }
}

/**
 * The RE2 spelling of a JavaScript pattern that passed the portability scan and compiles in
 * JavaScript.
 */
export function toRe2Syntax(pattern: string): string {
  let out = ''
  let i = 0
  while (i < pattern.length) {
    const ch = pattern[i] ?? ''
    if (ch === '\\') {
      const atom = readEscape(pattern, i, false)
      out += 'code' in atom ? hex(atom.code) : emitSet(atom.set)
      i = atom.end
    } else if (ch === '[') {
      const cls = readClass(pattern, i)
      out += emitSet(cls.set)
      i = cls.end
    } else if (ch === '(') {
      out += '(?:'
      i += pattern[i + 1] === '?' ? 3 : 1
    } else if (ch === '{') {
      const close = pattern.indexOf('}', i)
      out += pattern.slice(i, close + 1)
      i = close + 1
    } else if (')|^$*+?'.includes(ch)) {
      out += ch
      i++
    } else if (ch === '.') {
      out += emitSet(DOT)
      i++
    } else {
      out += hex(ch.charCodeAt(0))
      i++
    }
  }
  return out
}
