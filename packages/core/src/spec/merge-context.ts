import type { JsonObject, JsonValue } from './json-types.js'

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * The client's default context deep-merged under a call's: where both have a plain object under a
 * key, the two are merged the same way, key by key; anything else the call has wins as it is
 * (strings, numbers, arrays, `null`). Objects only one side has are shared, not copied. Keys such as
 * `__proto__` are carried as data. Pure.
 *
 * @example
 * mergeContexts({ app: { name: 'shop', version: '1.2' }, locale: 'en' }, { app: { version: '1.3' } })
 * // → { app: { name: 'shop', version: '1.3' }, locale: 'en' }
 */
export function mergeContexts(defaults: JsonObject, call: JsonObject): JsonObject {
  const out: JsonObject = { ...defaults }
  for (const key of Object.keys(call)) {
    const mine = call[key]
    const base = Object.hasOwn(defaults, key) ? defaults[key] : undefined
    const value = isObject(mine) && isObject(base) ? mergeContexts(base, mine) : mine
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return out
}
