import { ConfigError } from '../errors.js'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** Is `hostname` a loopback address (`localhost`, `127.x.x.x`, `::1`)? */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/**
 * Validates an endpoint option and returns it without trailing slashes. It must be an absolute
 * http(s) URL without credentials, query or fragment; plain `http:` is refused unless the host is
 * loopback or `allowInsecureHttp` is set, because write keys travel in every request.
 */
export function endpointUrl(value: unknown, option: string, allowInsecureHttp = false): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(option, 'is required (an https:// URL)')
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    // The value is not echoed: a malformed URL may hold credentials, or be a key passed by mistake.
    throw new ConfigError(option, `is not a valid absolute URL (expected e.g. https://host.example.com; got ${value.length} characters)`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(option, `must use https:// (got ${url.protocol})`)
  }
  if (url.username || url.password) throw new ConfigError(option, 'must not contain credentials')
  if (url.search || url.hash) throw new ConfigError(option, 'must not contain a query or fragment')
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      option,
      `uses plain http:// to ${url.hostname}; keys would travel unencrypted. Use https://, or set allowInsecureHttp: true`,
    )
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/** Validates a write key or API key: a non-empty string without surrounding spaces. */
export function requiredKey(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(option, 'is required')
  if (value.trim() !== value) throw new ConfigError(option, 'has leading or trailing white space')
  return value
}

/**
 * The API host of a vendor with regions: `host` when given (validated as {@link endpointUrl}),
 * else the host of `region` (default `defaultRegion`). Throws a `ConfigError` naming `region` for
 * a region the vendor does not have, or naming `host` for a malformed one. Pure.
 */
export function regionalHost<R extends string>(
  options: { host?: unknown; region?: unknown; allowInsecureHttp?: unknown },
  hosts: Readonly<Record<R, string>>,
  defaultRegion: R,
): string {
  const region = options.region ?? defaultRegion
  if (typeof region !== 'string' || !Object.hasOwn(hosts, region)) {
    const known = Object.keys(hosts).map((r) => `'${r}'`)
    throw new ConfigError(
      'region',
      `must be ${known.slice(0, -1).join(', ')}${known.length > 1 ? ' or ' : ''}${known.at(-1)}, got ${JSON.stringify(region)}`,
    )
  }
  return endpointUrl(options.host ?? hosts[region as R], 'host', options.allowInsecureHttp === true)
}
