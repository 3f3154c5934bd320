/**
 * A copy of a caller's value made by reading each of its members exactly once, the way
 * `JSON.stringify` would read it (`toJSON()` called once, boxed primitives unboxed). Used for the
 * `integrations` map, which routing and adapters read again long after the call (with
 * `deferEncoding`, after the caller's code moved on): they read this copy, never the caller's
 * object, so a getter or Proxy trap that throws on a later read cannot escape as a raw `Error`.
 * The copy keeps whatever JSON cannot carry (a BigInt, a cycle, a Map…) so that
 * {@link checkJsonValue} then refuses it by the same path.
 */
import { isDate, isSymbolObject } from './internal-slots.js'
import { ValidationError } from '../errors.js'
import { checkJsonValue, childPath, MAX_DEPTH, unbox } from './check-json-value.js'
import type { SizeBudget } from './size-budget.js'

const DATE_TO_JSON = Date.prototype.toJSON

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}

function readOnce(object: object, key: string | number, path: string): unknown {
  try {
    return (object as Record<string | number, unknown>)[key]
  } catch (error) {
    throw new ValidationError(path, `could not be read: its getter threw (${nameOf(error)})`)
  }
}

interface CopyState {
  copies: Map<object, unknown>
  budget: SizeBudget
}

function copyMembers(object: object, path: string, depth: number, state: CopyState): unknown {
  if (Array.isArray(object)) {
    const length = object.length
    state.budget.spendArray(length, path)
    const out: unknown[] = []
    state.copies.set(object, out)
    for (let i = 0; i < length; i++) out.push(copyOnce(readOnce(object, i, `${path}[${i}]`), `${path}[${i}]`, depth + 1, state))
    return out
  }
  const entries: [string, unknown][] = []
  const out: Record<string, unknown> = {}
  state.copies.set(object, out)
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue
    const memberPath = childPath(path, key)
    entries.push([key, copyOnce(readOnce(object, key, memberPath), memberPath, depth + 1, state)])
  }
  // defineProperty, not assignment: a "__proto__" key stays an own member.
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  return out
}

function copyObject(object: object, path: string, depth: number, state: CopyState): unknown {
  if (object instanceof Map) return new Map()
  if (object instanceof Set) return new Set()
  const toJSON = readOnce(object, 'toJSON', path)
  if (typeof toJSON === 'function' && !(isDate(object) && toJSON === DATE_TO_JSON)) {
    let json: unknown
    try {
      json = (toJSON as () => unknown).call(object)
    } catch {
      throw new ValidationError(path, 'has a toJSON() method that threw')
    }
    return copyOnce(json, path, depth + 1, state)
  }
  if (isDate(object)) return new Date(Date.prototype.getTime.call(object))
  const boxed = unbox(object)
  if (boxed) return isSymbolObject(object) ? object : boxed.value
  return copyMembers(object, path, depth, state)
}

function copyOnce(value: unknown, path: string, depth: number, state: CopyState): unknown {
  if (value === null || typeof value !== 'object') return value
  // Deeper than the checker looks: any object will do, it is refused there by this path.
  if (depth >= MAX_DEPTH) return {}
  const known = state.copies.get(value)
  if (known !== undefined) return known
  try {
    return copyObject(value, path, depth, state)
  } catch (error) {
    if (error instanceof ValidationError) throw error
    throw new ValidationError(path, `could not be read (${nameOf(error)})`)
  }
}

/**
 * A JSON-safe copy of `value`, each member read once; throws a `ValidationError` naming the
 * path of anything JSON cannot carry (as {@link checkJsonValue}) or that cannot be read.
 *
 * @param budget - The message's size budget: arrays spend it before they are copied.
 */
export function copyJsonValue(value: unknown, path: string, budget: SizeBudget): unknown {
  const copy = copyOnce(value, path, 0, { copies: new Map(), budget })
  checkJsonValue(copy, path)
  return copy
}
