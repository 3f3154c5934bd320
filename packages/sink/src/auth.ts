/**
 * Key checks and header masking.
 */
import type { IncomingHttpHeaders } from 'node:http'

/** The user and password of an HTTP Basic `Authorization` header (no colon: all user), or undefined. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  if (header === undefined) return undefined
  const match = /^basic\s+(\S+)\s*$/i.exec(header)
  if (match === null) return undefined
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon === -1 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** The user name of an HTTP Basic `Authorization` header (the write key), or undefined. */
export function basicAuthUser(header: string | undefined): string | undefined {
  return basicCredentials(header)?.user
}

/**
 * True when `key` is acceptable: non-empty and, when `allowed` is given, one of `allowed`.
 */
export function isKeyAccepted(key: unknown, allowed: readonly string[] | undefined): key is string {
  if (typeof key !== 'string' || key === '') return false
  return allowed === undefined || allowed.includes(key)
}

/** `'Basic abc=='` → `'Basic ****'`. */
export function maskAuthorization(value: string): string {
  const space = value.indexOf(' ')
  return space === -1 ? '****' : `${value.slice(0, space)} ****`
}

/** Flattens headers to strings (arrays joined with `, `), masking `authorization`. */
export function recordableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(', ') : value
    out[name] = name === 'authorization' ? maskAuthorization(text) : text
  }
  return out
}
