import { ConfigError } from '@polytrack/core/adapter'

/**
 * Validates the `objectTypeId` option: a positive integer (Customer.io numbers object types from 1),
 * as a number or a string of digits. Returns it as a string, the form Customer.io's docs show. Pure.
 */
export function objectTypeIdOption(value: unknown): string | undefined {
  if (value === undefined) return undefined
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string' || !/^[1-9]\d*$/.test(text)) {
    throw new ConfigError('objectTypeId', `must be a positive integer (object types are numbered from 1), got ${JSON.stringify(value)}`)
  }
  return text
}
