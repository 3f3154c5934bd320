/**
 * Deep masking of credentials in recorded data before it leaves the sink for a browser.
 */
import { maskAuthorization } from './auth.js'

/** Object keys and header names (lower-cased) whose values are credentials. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'api_key',
  'apikey',
  'api-key',
  'x-api-key',
  'writekey',
  'write_key',
  'token',
  'personal_api_key',
  'secret',
  'password',
  'cookie',
  'set-cookie',
])

/** The mask that replaces a credential. */
export const MASK = '****'

const MAX_DEPTH = 64

/** True when `name` (an object key or header name, any case) holds a credential. */
export function isSecretKey(name: string): boolean {
  return SECRET_KEYS.has(name.toLowerCase())
}

function maskValue(name: string, value: unknown): unknown {
  const lower = name.toLowerCase()
  if ((lower === 'authorization' || lower === 'proxy-authorization') && typeof value === 'string') {
    return maskAuthorization(value)
  }
  return MASK
}

/**
 * A deep copy of `value` in which every value under a secret key ({@link SECRET_KEYS}, at any
 * depth) is replaced: `Authorization` headers keep their scheme (`'Basic ****'`), everything
 * else becomes `'****'`. Structures deeper than 64 levels are cut off with `'[depth limit]'`.
 */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DEPTH) return '[depth limit]'
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) ? maskValue(key, item) : maskSecrets(item, depth + 1)
  }
  return out
}
