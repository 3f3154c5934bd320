import { isDate } from './internal-slots.js'
import type { Integrations } from '../spec/message.js'
import { ValidationError } from '../errors.js'
import { checkJsonValue, childPath, isPlainObject } from './check-json-value.js'
import { copyJsonValue } from './copy-json-value.js'
import { unbounded, type SizeBudget } from './size-budget.js'

/** An id field: a non-empty string or a finite number (sent as its decimal string). */
export function readId(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new ValidationError(field, 'is required')
    return undefined
  }
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  throw new ValidationError(field, `must be a string or a finite number, got ${describe(value)}`)
}

/** A required non-empty string (e.g. `event`). */
export function readRequiredString(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') throw new ValidationError(field, 'is required')
  if (typeof value !== 'string') throw new ValidationError(field, `must be a string, got ${describe(value)}`)
  return value
}

/** An optional string (e.g. page `name`). */
export function readOptionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new ValidationError(field, `must be a string, got ${describe(value)}`)
  return value
}

/**
 * An optional object of JSON-safe values (properties, traits, context). Its arrays spend
 * `budget` (the message's size bound) before they are walked.
 */
export function readObject<T extends object>(value: unknown, field: string, budget: SizeBudget = unbounded()): T | undefined {
  if (value === undefined || value === null) return undefined
  if (!isPlainObject(value)) throw new ValidationError(field, `must be a plain object, got ${describe(value)}`)
  checkJsonValue(value, field, budget)
  return value as T
}

/**
 * The integrations map: values `true`, `false` or an options object. Returns a copy, each member
 * of the caller's map read exactly once (routing and adapters read the map again later, the
 * copy rather than the caller's object; see `copy-json-value.ts`).
 */
export function readIntegrations(value: unknown, budget: SizeBudget = unbounded()): Integrations {
  if (value === undefined || value === null) return {}
  if (!isPlainObject(value)) throw new ValidationError('integrations', `must be a plain object, got ${describe(value)}`)
  let keys: string[]
  try {
    keys = Object.keys(value)
  } catch (error) {
    throw new ValidationError('integrations', `could not be read (${error instanceof Error ? error.name : typeof error})`)
  }
  const copy: Record<string, boolean | object> = {}
  for (const key of keys) {
    const path = childPath('integrations', key)
    let entry: unknown
    try {
      entry = value[key]
    } catch (error) {
      throw new ValidationError(path, `could not be read: its getter threw (${error instanceof Error ? error.name : typeof error})`)
    }
    if (typeof entry !== 'boolean' && !isPlainObject(entry)) {
      throw new ValidationError(path, `must be true, false or an options object, got ${describe(entry)}`)
    }
    const member = typeof entry === 'boolean' ? entry : (copyJsonValue(entry, path, budget) as object)
    // defineProperty, not assignment: a "__proto__" key stays an own member.
    Object.defineProperty(copy, key, { value: member, enumerable: true, writable: true, configurable: true })
  }
  return copy as Integrations
}

/** A timestamp as ISO-8601 with milliseconds and `Z`; `now` when absent. */
export function readTimestamp(value: unknown, now: () => string): string {
  if (value === undefined || value === null) return now()
  let time: number
  if (isDate(value))
    time = Date.prototype.getTime.call(value) // by internal slot: no Proxy trap runs
  else if (typeof value === 'string') time = Date.parse(value)
  else if (typeof value === 'number') time = value
  else throw new ValidationError('timestamp', `must be a Date, an ISO-8601 string or epoch milliseconds, got ${describe(value)}`)
  if (!Number.isFinite(time)) throw new ValidationError('timestamp', `is not a valid date: ${String(value).slice(0, 64)}`)
  const date = new Date(time)
  if (Number.isNaN(date.getTime())) throw new ValidationError('timestamp', 'is outside the range of dates')
  return date.toISOString()
}

/** A short description of a value's type, for error messages (never the value itself). */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  const type = typeof value
  if (type !== 'object') return type === 'undefined' ? 'undefined' : `a ${type}`
  try {
    if (Array.isArray(value)) return 'an array'
    if (value instanceof Date) return 'a Date'
    const name: unknown = (value as object).constructor?.name
    return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name}` : 'an object'
  } catch {
    return 'an object' // a Proxy whose traps throw
  }
}
