import { ConfigError } from '../errors.js'
import type { FlagSource } from '../flag-client/flag-source.js'

/** The methods every flag source has (see `FlagSource`). */
const FLAG_SOURCE_METHODS = ['attach', 'getFlag', 'getAllFlags', 'reload', 'close'] as const

/**
 * Checks the `flags` option of `new Analytics`: absent, or a flag source (an object with the
 * methods of `FlagSource`, such as `localFlags()` makes). Throws a `ConfigError` naming `flags`
 * otherwise, or when it cannot be read; never quotes what it holds.
 */
export function checkFlagsOption(flags: unknown): asserts flags is FlagSource | undefined {
  if (flags === undefined) return
  const expected = `must be a flag source such as localFlags({ definitions }) or posthog({ … }).flags (an object with ${FLAG_SOURCE_METHODS.join(', ')})`
  if (flags === null || typeof flags !== 'object' || Array.isArray(flags)) throw new ConfigError('flags', expected)
  let missing: string | undefined
  try {
    missing = FLAG_SOURCE_METHODS.find((method) => typeof (flags as Record<string, unknown>)[method] !== 'function')
  } catch {
    throw new ConfigError('flags', 'cannot be read (a getter, or a trap of a Proxy, threw)')
  }
  if (missing !== undefined) throw new ConfigError('flags', `${expected}; it has no ${missing}()`)
}
