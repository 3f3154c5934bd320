import { ConfigError } from '../errors.js'

/**
 * Validates an optional boolean option: `undefined`, `true` or `false` pass through; anything else
 * (`'true'`, `1`) throws a `ConfigError` naming `option`. Pure.
 */
export function optionalBoolean(value: unknown, option: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value
  throw new ConfigError(option, `must be true or false, got ${typeof value}`)
}
