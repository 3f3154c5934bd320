import { ConfigError } from '../errors.js'
import type { OptionHints } from './option-hints.js'

/**
 * Throws a `ConfigError` naming the first key of `options` that is in neither `allowed` nor
 * `deprecated`, with a specific hint for a name known from another SDK (`hints`, looked up
 * case-insensitively; see `optionHints`) or else the nearest allowed key ("did you mean
 * `flushAt`?"). The error lists `allowed` (deprecated names are accepted but not listed). `path`
 * prefixes the key in the error (`spool.dirr`). Own enumerable string keys only. Pure.
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
    const where = path === '' ? key : `${path}.${key}`
    const lower = key.toLowerCase()
    const hint = Object.hasOwn(hints, lower) ? hints[lower] : suggestion(key, allowed)
    throw new ConfigError(where, `is not an option${hint ? ` (${hint})` : ''}; the options are: ${allowed.join(', ')}`)
  }
}

/** "did you mean `x`?" for the allowed key nearest to `key`, when one is near enough. */
function suggestion(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  if (best === undefined || bestDistance > Math.max(2, Math.floor(best.length / 3))) return undefined
  return `did you mean \`${best}\`?`
}

/** Levenshtein distance (keys are short). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

/**
 * Checks an options argument: a plain object whose every key is in `allowed` or `deprecated`
 * (see {@link assertKnownKeys}). Throws a `ConfigError` naming `path` (or `options`) when it is
 * not an object, or naming the unknown key. Plain JavaScript callers get the same check as typed
 * ones. Pure.
 */
export function checkOptions(
  options: unknown,
  allowed: readonly string[],
  path = '',
  hints: OptionHints = {},
  deprecated: readonly string[] = [],
): asserts options is object {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(path === '' ? 'options' : path, `must be an object with the options ${allowed.join(', ')}`)
  }
  assertKnownKeys(options, allowed, path, hints, deprecated)
}

/** Every key of an options type, each marked as a current option or a deprecated name. */
export type OptionKinds<T> = { readonly [K in keyof Required<T>]: 'option' | 'deprecated' }

/**
 * The names of an options type marked `kind` (default `'option'`) in `kinds`, for
 * {@link checkOptions}. Typing `kinds` as `OptionKinds<YourOptions>` makes the list complete: an
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
