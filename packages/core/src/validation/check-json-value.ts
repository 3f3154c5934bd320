import { isBigIntObject, isBooleanObject, isBoxedPrimitive, isNumberObject, isStringObject } from './internal-slots.js'
import { ValidationError } from '../errors.js'
import { unbounded, type SizeBudget } from './size-budget.js'

/** Deepest nesting accepted in properties, traits and context. */
export const MAX_DEPTH = 64

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** `Date.prototype.toJSON` as it was when this module loaded: a Date with another is checked by what it returns. */
const DATE_TO_JSON = Date.prototype.toJSON

/** Appends a key to a field path: `a.b`, `a["odd key"]`. */
export function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

/**
 * Checks that `value` survives `JSON.stringify` unchanged in meaning and throws a
 * `ValidationError` naming the first field that does not: cycles, BigInt, functions, symbols,
 * non-finite numbers, invalid dates, Maps/Sets (which JSON turns into `{}`), nesting deeper
 * than {@link MAX_DEPTH}. `undefined` object members are allowed (JSON omits them). Boxed
 * primitives (`new Number(NaN)`, `Object(1n)`) are checked as the primitive JSON would write, a
 * `toJSON()` (on any object, arrays and Dates included) by what it returns, and a member that cannot
 * be read (a getter or a Proxy trap that throws) is refused by its path: the caller only ever gets
 * a `ValidationError`. Arrays spend `budget` before they are walked (see {@link SizeBudget}).
 */
export function checkJsonValue(value: unknown, path: string, budget: SizeBudget = unbounded()): void {
  // Fast pass without building paths; only when it finds a problem, walk again to name the field.
  const start = budget.remaining
  if (isJsonSafe(value, 0, [], budget)) return
  budget.remaining = start
  walk(value, path, 0, [], budget)
}

/**
 * The same rules as {@link walk} without paths or messages: `false` at the first value that
 * {@link walk} would refuse (or that cannot be read). Plain objects and arrays, the common case,
 * take the shortest route.
 */
function isJsonSafe(value: unknown, depth: number, ancestors: object[], budget: SizeBudget): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true
    case 'number':
      return Number.isFinite(value)
    case 'object':
      break
    default:
      return false
  }
  if (value === null) return true
  if (depth >= MAX_DEPTH || ancestors.includes(value)) return false
  try {
    const proto = Object.getPrototypeOf(value) as unknown
    if (proto === Object.prototype || proto === null) {
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false
      ancestors.push(value)
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue
        if (!isJsonSafe((value as Record<string, unknown>)[key], depth + 1, ancestors, budget)) return false
      }
      ancestors.pop()
      return true
    }
    if (Array.isArray(value) && proto === Array.prototype) {
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false
      const length = value.length
      if (!budget.trySpendArray(length)) return false
      ancestors.push(value)
      for (let i = 0; i < length; i++) {
        if (!isJsonSafe(value[i], depth + 1, ancestors, budget)) return false
      }
      ancestors.pop()
      return true
    }
    if (value instanceof Date && proto === Date.prototype) {
      return value.toJSON === DATE_TO_JSON && !Number.isNaN(value.getTime())
    }
  } catch {
    return false
  }
  // Anything else (boxed primitives, class instances, toJSON, Proxies…): the careful walk decides.
  return false
}

/** Reads `object[key]`, turning a throwing getter or Proxy trap into a `ValidationError` at `path`. */
function read(object: object, key: string | number, path: string): unknown {
  try {
    return (object as Record<string | number, unknown>)[key]
  } catch (error) {
    throw new ValidationError(path, `could not be read: its getter threw (${errorName(error)})`)
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}

/**
 * The primitive inside a boxed Number, String, Boolean, BigInt or Symbol object (what
 * `JSON.stringify` writes for it), found by its internal slot rather than its prototype.
 */
export function unbox(object: object): { value: unknown } | undefined {
  if (!isBoxedPrimitive(object)) return undefined
  if (isNumberObject(object)) return { value: Number.prototype.valueOf.call(object) }
  if (isStringObject(object)) return { value: String.prototype.valueOf.call(object) }
  if (isBooleanObject(object)) return { value: Boolean.prototype.valueOf.call(object) }
  if (isBigIntObject(object)) return { value: BigInt.prototype.valueOf.call(object) }
  return { value: Symbol.prototype.valueOf.call(object as unknown as symbol) }
}

function walk(value: unknown, path: string, depth: number, ancestors: object[], budget: SizeBudget): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return
    case 'number':
      if (!Number.isFinite(value)) throw new ValidationError(path, `is ${value}, which JSON cannot carry`)
      return
    case 'bigint':
      throw new ValidationError(path, 'is a BigInt, which JSON cannot carry; pass a number or a string')
    case 'function':
      throw new ValidationError(path, 'is a function, which JSON cannot carry')
    case 'symbol':
      throw new ValidationError(path, 'is a symbol, which JSON cannot carry')
    default:
      break
  }
  if (value === null) return
  const object = value as object
  if (depth >= MAX_DEPTH) throw new ValidationError(path, `is nested deeper than ${MAX_DEPTH} levels`)
  if (ancestors.includes(object)) throw new ValidationError(path, 'is a circular reference')
  try {
    walkObject(object, path, depth, ancestors, budget)
  } catch (error) {
    if (error instanceof ValidationError) throw error
    // A Proxy whose traps throw (ownKeys, getPrototypeOf, has…): refused here, by its path.
    throw new ValidationError(path, `could not be read (${errorName(error)})`)
  }
}

/** Walks what `toJSON()` returns in place of `object` (JSON.stringify writes that instead). */
function walkToJson(
  object: object,
  toJSON: (key?: string) => unknown,
  path: string,
  depth: number,
  ancestors: object[],
  budget: SizeBudget,
): void {
  let json: unknown
  try {
    json = toJSON.call(object)
  } catch {
    throw new ValidationError(path, 'has a toJSON() method that threw')
  }
  walk(json, path, depth + 1, ancestors, budget)
}

function walkObject(object: object, path: string, depth: number, ancestors: object[], budget: SizeBudget): void {
  const toJSON = object instanceof Map || object instanceof Set ? undefined : read(object, 'toJSON', path)
  if (object instanceof Date) {
    if (typeof toJSON === 'function' && toJSON !== DATE_TO_JSON) {
      walkToJson(object, toJSON as () => unknown, path, depth, ancestors, budget)
      return
    }
    if (Number.isNaN(object.getTime())) throw new ValidationError(path, 'is an invalid Date')
    return
  }
  if (object instanceof Map || object instanceof Set) {
    throw new ValidationError(path, `is a ${object.constructor.name}, which JSON turns into {}; pass a plain object or array`)
  }
  // As JSON.stringify: toJSON() first, then the primitive inside a boxed value.
  if (typeof toJSON === 'function') {
    walkToJson(object, toJSON as () => unknown, path, depth, ancestors, budget)
    return
  }
  const boxed = unbox(object)
  if (boxed) {
    if (typeof boxed.value === 'symbol') throw new ValidationError(path, 'is a boxed symbol, which JSON cannot carry')
    walk(boxed.value, path, depth, ancestors, budget)
    return
  }
  ancestors.push(object)
  if (Array.isArray(object)) {
    const length = object.length
    budget.spendArray(length, path)
    for (let i = 0; i < length; i++) {
      const itemPath = `${path}[${i}]`
      walk(read(object, i, itemPath), itemPath, depth + 1, ancestors, budget)
    }
  } else {
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue
      const memberPath = childPath(path, key)
      walk(read(object, key, memberPath), memberPath, depth + 1, ancestors, budget)
    }
  }
  ancestors.pop()
}

/** Is this a plain object (not null, not an array, not a Date)? */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  try {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
    const proto = Object.getPrototypeOf(value) as unknown
    return proto === Object.prototype || proto === null
  } catch {
    return false // a Proxy whose getPrototypeOf trap throws
  }
}
