import { ConfigError } from '../errors.js'
import type { OptionHints } from './option-hints.js'
import { unknownOptionError } from './unknown-option-error.js'

/**
 * Checks an options argument and returns a snapshot of it to read the options from: an object
 * without a prototype holding each own enumerable string-keyed property of `options`, each read
 * exactly once. Reading from the snapshot, never from the argument, is what makes the checks hold:
 * an inherited property (a polluted `Object.prototype`) is never read, so an option the caller did
 * not give is `undefined`; and a getter that returns a different value on each read is read once,
 * so the value checked is the value used.
 *
 * Throws a `ConfigError` (and nothing else) naming:
 * - `path` (or `options` when `path` is `''`) when `options` is not a non-array object, when it
 *   has an enumerable symbol key, or when its keys cannot be listed (a Proxy whose trap throws);
 * - the unknown key (`path.key`) when an own enumerable key is in neither `allowed` nor
 *   `deprecated`, with the hint `hints` holds for it (looked up case-insensitively; see
 *   `optionHints`) or else the nearest allowed key ("did you mean `flushAt`?"), and the list of
 *   `allowed` (deprecated names are accepted but not listed);
 * - the option (`path.key`) whose getter, or the Proxy's trap for which, throws.
 *
 * Errors never show a value of the options, nor what a getter or trap threw. Non-enumerable
 * properties are neither read nor copied, as with `Object.keys` and spreading. Pure (apart from
 * running the getters of `options`); never reads inherited properties.
 *
 * @example
 * export function acme(options: AcmeOptions): Destination {
 *   options = readOptions(options, ACME_OPTIONS, '', ACME_HINTS)
 *   const apiKey = requiredKey(options.apiKey, 'apiKey')
 *   // ...
 * }
 */
export function readOptions<T>(
  options: T,
  allowed: readonly string[],
  path = '',
  hints: OptionHints = {},
  deprecated: readonly string[] = [],
): T & object {
  const argument = path === '' ? 'options' : path
  if (options === null || typeof options !== 'object' || guarded(() => Array.isArray(options), argument)) {
    throw new ConfigError(argument, `must be an object with the options ${allowed.join(', ')}`)
  }
  const keys = guarded(() => Reflect.ownKeys(options), argument, 'cannot be read: its keys cannot be listed (a trap of a Proxy threw)')
  const given: string[] = []
  for (const key of keys) {
    const descriptor = guarded(() => Reflect.getOwnPropertyDescriptor(options, key), typeof key === 'string' ? named(path, key) : argument)
    if (descriptor?.enumerable !== true) continue
    if (typeof key === 'symbol')
      throw new ConfigError(argument, `has a symbol key, which is never an option; the options are: ${allowed.join(', ')}`)
    if (!allowed.includes(key) && !deprecated.includes(key)) throw unknownOptionError(key, allowed, path, hints)
    given.push(key)
  }
  const snapshot = Object.create(null) as Record<string, unknown>
  for (const key of given) snapshot[key] = guarded(() => Reflect.get(options, key) as unknown, named(path, key))
  return snapshot as T & object
}

/** `path.key`, or `key` at the top level. */
function named(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

/** `read()`, or a `ConfigError` naming `option` when it throws (what it threw is not shown: it may hold a value). */
function guarded<R>(read: () => R, option: string, reason = 'cannot be read (a getter, or a trap of a Proxy, threw)'): R {
  try {
    return read()
  } catch {
    throw new ConfigError(option, reason)
  }
}
