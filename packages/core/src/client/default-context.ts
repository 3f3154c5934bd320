import { ConfigError, ValidationError } from '../errors.js'
import type { JsonObject } from '../spec/json-types.js'
import { readObject } from '../validation/field-checks.js'

/**
 * The `context` option of `new Analytics()`, checked as a call's context is (a plain object of
 * JSON-safe values) and copied as JSON, so that later changes to the caller's object are not sent: `{}`
 * when absent, else `{ context }` for the message factory. Throws a `ConfigError` naming the
 * offending field (`context.app.version`).
 */
export function defaultContext(value: unknown): { context?: JsonObject } {
  if (value === undefined) return {}
  try {
    const context = readObject<JsonObject>(value, 'context')
    // A JSON copy: Dates become their ISO text now, and later changes to the caller's object are not sent.
    return context === undefined ? {} : { context: Object.freeze(JSON.parse(JSON.stringify(context)) as JsonObject) }
  } catch (error) {
    if (error instanceof ValidationError) throw new ConfigError(error.field, error.reason)
    throw error
  }
}
