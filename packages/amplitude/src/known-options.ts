import { ConfigError } from '@polytrack/core/adapter'

/**
 * Throws a `ConfigError` naming the first option of `options` that is not in `known` (a typo such
 * as `apikey` would otherwise be ignored), and when `options` is not an object at all.
 */
export function assertKnownOptions(options: unknown, known: readonly string[], adapter: string): asserts options is Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ConfigError('options', `${adapter}() needs an options object`)
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new ConfigError(key, `is not an option of ${adapter}() (known: ${known.join(', ')})`)
  }
}

/** Validates an optional boolean option: absent, `true` or `false`. */
export function optionalBoolean(value: unknown, option: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value
  throw new ConfigError(option, `must be true or false, got ${typeof value}`)
}
