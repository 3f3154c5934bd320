import { ConfigError, ValidationError } from '../errors.js'
import type { JsonObject } from '../spec/json-types.js'
import { readObject } from '../validation/field-checks.js'

/** Freezes `value` and every object and array in it (messages share the default context's objects). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member)
    Object.freeze(value)
  }
  return value
}

/**
 * The `context` option of `new Analytics()`, checked as a call's context is (a plain object of
 * JSON-safe values), copied as JSON (later changes to the caller's object are not sent) and frozen at every
 * depth (every message shares its objects; a middleware cannot change them for the next): `{}`
 * when absent, else `{ context }` for the message factory. Throws a `ConfigError` naming the
 * offending field (`context.app.version`).
 */
export function defaultContext(value: unknown): { context?: JsonObject } {
  if (value === undefined) return {}
  try {
    const context = readObject<JsonObject>(value, 'context')
    // A JSON copy: Dates become their ISO text now, and later changes to the caller's object are not sent.
    return context === undefined ? {} : { context: deepFreeze(JSON.parse(JSON.stringify(context)) as JsonObject) }
  } catch (error) {
    if (error instanceof ValidationError) throw new ConfigError(error.field, error.reason)
    throw error
  }
}
