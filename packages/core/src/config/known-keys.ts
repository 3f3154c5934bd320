import type { OptionHints } from './option-hints.js'
import { readOptions } from './read-options.js'
import { unknownOptionError } from './unknown-option-error.js'

/**
 * Throws a `ConfigError` naming the first key of `options` that is in neither `allowed` nor
 * `deprecated`, with a specific hint for a name known from another SDK (`hints`, looked up
 * case-insensitively; see `optionHints`) or else the nearest allowed key ("did you mean
 * `flushAt`?"). The error lists `allowed` (deprecated names are accepted but not listed). `path`
 * prefixes the key in the error (`spool.dirr`). Own enumerable string keys only; reads no value.
 * Pure. To read the options too, prefer {@link readOptions}, which also refuses symbol keys and
 * turns a getter or Proxy that throws into a `ConfigError`.
 */
export function assertKnownKeys(
  options: object,
  allowed: readonly string[],
  path: string,
  hints: OptionHints = {},
  deprecated: readonly string[] = [],
): void {
  for (const key of Object.keys(options)) {
    if (allowed.includes(key) || deprecated.includes(key)) continue
    throw unknownOptionError(key, allowed, path, hints)
  }
}

/**
 * Checks an options argument as {@link readOptions} does (an object; own string keys, each in
 * `allowed` or `deprecated`; no symbol key; every option readable), and discards the snapshot.
 * Throws a `ConfigError` naming `path` (or `options`) or the option at fault.
 *
 * @deprecated Use `options = readOptions(options, allowed, path, hints, deprecated)` and read the
 * options from what it returns: reading them from the argument itself reads inherited properties
 * (a polluted `Object.prototype`) and reads getters again.
 */
export function checkOptions(
  options: unknown,
  allowed: readonly string[],
  path = '',
  hints: OptionHints = {},
  deprecated: readonly string[] = [],
): asserts options is object {
  readOptions(options, allowed, path, hints, deprecated)
}

/** Every key of an options type, each marked as a current option or a deprecated name. */
export type OptionKinds<T> = { readonly [K in keyof Required<T>]: 'option' | 'deprecated' }

/**
 * The names of an options type marked `kind` (default `'option'`) in `kinds`, for
 * {@link readOptions}. Typing `kinds` as `OptionKinds<YourOptions>` makes the list complete: an
 * option added to the type but not here does not compile. Pure.
 *
 * @example
 * const NAMES = optionNames<SegmentOptions>({ writeKey: 'option', host: 'option', region: 'option', allowInsecureHttp: 'option' })
 */
export function optionNames<T extends object>(
  kinds: OptionKinds<T>,
  kind: 'option' | 'deprecated' = 'option',
): readonly (keyof T & string)[] {
  return Object.freeze(Object.keys(kinds).filter((name) => (kinds as Record<string, string>)[name] === kind)) as readonly (keyof T &
    string)[]
}
