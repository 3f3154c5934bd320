/**
 * The `exact` / `is_not` comparison: boolean-like values compare by truthiness, everything else by
 * the case-insensitive JSON spelling the flags service would compare.
 *
 * JavaScript cannot tell an integer `1` from an integral float `1.0`, which the service spells
 * differently, so integers (and values that are not JSON) are undecidable here.
 */
import { readingContext, unsupported } from './unresolved.js'

function isBooleanLike(value: unknown): boolean {
  if (typeof value === 'boolean') return true
  if (typeof value === 'string') {
    const lower = value.toLowerCase()
    return lower === 'true' || lower === 'false'
  }
  if (!Array.isArray(value)) return false
  for (let i = 0; i < value.length; i++) {
    if (!isBooleanLike(i in value ? value[i] : null)) return false
  }
  return true
}

function isTruthyLike(value: unknown): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') return value.toLowerCase() === 'true'
  if (!Array.isArray(value)) return false
  for (let i = 0; i < value.length; i++) {
    if (!isTruthyLike(i in value ? value[i] : null)) return false
  }
  return true
}

function assertScalarString(value: string): void {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) unsupported('unpaired surrogate')
      i++
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      unsupported('unpaired surrogate')
    }
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Throws unless `value` is representable as JSON exactly as the service would read it. */
export function assertJsonRepresentable(value: unknown, seen: Set<object> = new Set()): void {
  if (value === null || typeof value === 'boolean') return
  if (typeof value === 'string') return assertScalarString(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) unsupported('non-finite number')
    return
  }
  if (typeof value !== 'object') return unsupported(`cannot represent ${typeof value}`)
  visitContainer(value, seen, (container) => {
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) if (i in container) assertJsonRepresentable(container[i], seen)
      return
    }
    for (const key of Object.keys(container)) {
      assertScalarString(key)
      assertJsonRepresentable(container[key], seen)
    }
  })
}

/**
 * `visit(value)` for an array or a plain object; throws `Unresolved` (unsupported) for any other object and
 * for a container already being visited (`seen`: the containers on the path from the root).
 */
function visitContainer<T>(value: object, seen: Set<object>, visit: (container: unknown[] | Record<string, unknown>) => T): T {
  if (!Array.isArray(value) && !isPlainObject(value)) unsupported('non-JSON object')
  if (seen.has(value)) unsupported('circular value')
  seen.add(value)
  try {
    return visit(value as unknown[] | Record<string, unknown>)
  } finally {
    seen.delete(value)
  }
}

function compareByCodePoint(left: string, right: string): number {
  const a = Array.from(left, (c) => c.codePointAt(0) ?? 0)
  const b = Array.from(right, (c) => c.codePointAt(0) ?? 0)
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0)
  }
  return a.length - b.length
}

function jsonSpelling(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null'
  if (typeof value === 'string') {
    assertScalarString(value)
    return JSON.stringify(value)
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) unsupported('non-finite number')
    if (Number.isInteger(value)) unsupported(`integer ${value} is ambiguous with an integral float`)
    return String(value)
  }
  if (typeof value !== 'object') return unsupported(`cannot stringify ${typeof value}`)
  return visitContainer(value, seen, (container) => {
    if (Array.isArray(container)) {
      const items: string[] = []
      for (let i = 0; i < container.length; i++) items.push(i in container ? jsonSpelling(container[i], seen) : 'null')
      return `[${items.join(',')}]`
    }
    const keys = Object.keys(container)
    keys.forEach(assertScalarString)
    const members = keys.sort(compareByCodePoint).map((k) => `${JSON.stringify(k)}:${jsonSpelling(container[k], seen)}`)
    return `{${members.join(',')}}`
  })
}

/** The text `exact` compares: a string as is, anything else as its JSON spelling. */
export function exactMatchText(value: unknown): string {
  if (typeof value === 'string') {
    assertScalarString(value)
    return value
  }
  return jsonSpelling(value, new Set())
}

/**
 * Whether the subject's `actual` value equals the filter's `target` (any element of an array).
 *
 * @param matchingVersion - The payload's `property_matching_version`; `2` disables truthiness
 *   matching of boolean-like targets.
 */
export function exactMatches(target: unknown, actual: unknown, matchingVersion: unknown): boolean {
  if ((matchingVersion !== 2 && isBooleanLike(target)) || (Array.isArray(target) && target.length === 0)) {
    readingContext(() => assertJsonRepresentable(actual))
    return isTruthyLike(target) === isTruthyLike(actual)
  }
  if (matchingVersion === 2 && typeof actual === 'number' && isBooleanLike(target)) {
    readingContext(() => assertJsonRepresentable(actual))
    return false
  }
  if (Array.isArray(target)) {
    const actualText = readingContext(() => exactMatchText(actual)).toLowerCase()
    return target.some((item) => exactMatchText(item).toLowerCase() === actualText)
  }
  const targetText = exactMatchText(target).toLowerCase()
  return targetText === readingContext(() => exactMatchText(actual)).toLowerCase()
}
