import { ValidationError } from '../errors.js'

/** Deepest nesting accepted in properties, traits and context. */
export const MAX_DEPTH = 64

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** Appends a key to a field path: `a.b`, `a["odd key"]`. */
export function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

/**
 * Checks that `value` survives `JSON.stringify` unchanged in meaning and throws a
 * `ValidationError` naming the first field that does not: cycles, BigInt, functions, symbols,
 * non-finite numbers, invalid dates, Maps/Sets (which JSON turns into `{}`), nesting deeper
 * than {@link MAX_DEPTH}. `undefined` object members are allowed (JSON omits them).
 */
export function checkJsonValue(value: unknown, path: string): void {
  walk(value, path, 0, [])
}

function walk(value: unknown, path: string, depth: number, ancestors: object[]): void {
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
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new ValidationError(path, 'is an invalid Date')
    return
  }
  if (object instanceof Map || object instanceof Set) {
    throw new ValidationError(path, `is a ${object.constructor.name}, which JSON turns into {}; pass a plain object or array`)
  }
  ancestors.push(object)
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) walk(object[i], `${path}[${i}]`, depth + 1, ancestors)
  } else if (typeof (object as { toJSON?: unknown }).toJSON === 'function') {
    let json: unknown
    try {
      json = (object as { toJSON: () => unknown }).toJSON()
    } catch {
      throw new ValidationError(path, 'has a toJSON() method that threw')
    }
    walk(json, path, depth + 1, ancestors)
  } else {
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue
      walk((object as Record<string, unknown>)[key], childPath(path, key), depth + 1, ancestors)
    }
  }
  ancestors.pop()
}

/** Is this a plain object (not null, not an array, not a Date)? */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}
