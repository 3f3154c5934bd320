// What an adversarial review of the logger and proxy options found (stop 20): each case failed before its fix.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import { describe, expect, it, vi } from 'vitest'
import { Analytics, ConfigError, PolytrackError } from '../src/index.js'
import type { FlagSource, FlagSourceHost } from '../src/flag-client/flag-source.js'
import { redactSecrets } from '../src/config/secret-forms.js'
import { resolveLogging } from '../src/client/logger-option.js'
import { clientProxySetting, NO_PROXY_SETTING, resolveProxy } from '../src/delivery/proxy-setting.js'
import { testDestination } from './helpers/test-destination.js'

describe('the logger option against hostile loggers', () => {
  it('a logger method that returns a rejected promise leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const reject = () => Promise.reject(new Error('log shipper down'))
      const logger = { debug: reject, info: reject, warn: reject, error: reject }
      const analytics = new Analytics({ destination: testDestination('http://127.0.0.1:9'), logger, logLevel: 'debug', maxRetries: 0 })
      analytics.track({ userId: 'u1', event: 'E' })
      await analytics.close({ timeoutMs: 2_000 })
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
    expect(unhandled).toEqual([])
  })

  it('a logger whose methods cannot be read is a ConfigError naming logger, not a raw error', () => {
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new TypeError('trap')
        },
      },
    )
    expect(expectThrown(ConfigError, () => resolveLogging(trap, undefined)).message).toContain('logger')
  })

  it('a long logLevel is not echoed whole', () => {
    expect(expectThrown(ConfigError, () => resolveLogging(undefined, 'x'.repeat(200))).message.length).toBeLessThan(160)
  })
})

describe('the proxy setting against values that carry credentials', () => {
  it('a proxy URL without a scheme is refused without quoting any part of it (user:password@host parses as scheme "user:")', () => {
    for (const value of ['alice:S3cretPw@proxy.corp:3128', 'APIKEY123456:@proxy.example:8011']) {
      const option = expectThrown(ConfigError, () => resolveProxy(value, 'proxy', {})).message
      const env = expectThrown(ConfigError, () => resolveProxy(undefined, 'proxy', { HTTPS_PROXY: value })).message
      for (const message of [option, env]) {
        expect(message).not.toContain('alice')
        expect(message).not.toContain('APIKEY123456')
      }
      expect(env).toContain('HTTPS_PROXY')
    }
  })

  it('masks the whole Basic form of user:password even when the base64 of the user name is its prefix', () => {
    const { secrets } = resolveProxy('http://prox_user:Pr0xyP%C3%A4ssw0rd@127.0.0.1:3128', 'proxy', {})
    const basic = Buffer.from('prox_user:Pr0xyPässw0rd').toString('base64')
    const masked = redactSecrets(`Proxy-Authorization: Basic ${basic}`, secrets)
    expect(masked).not.toContain(basic.slice(12))
    expect(masked).toBe('Proxy-Authorization: Basic ****')
  })

  it('does not mask text by a one- or two-character user name or password (their longer forms still are)', () => {
    const { secrets } = resolveProxy('http://ab:12@127.0.0.1:3128', 'proxy', {})
    expect(redactSecrets('network error: connect to 127.0.0.1:9 from tab 12', secrets)).toBe(
      'network error: connect to 127.0.0.1:9 from tab 12',
    )
    const basic = Buffer.from('ab:12').toString('base64')
    expect(redactSecrets(`Proxy-Authorization: Basic ${basic}`, secrets)).toBe('Proxy-Authorization: Basic ****')
  })
})

describe('the proxy credentials in delivery events', () => {
  it('are masked in error events, as in log lines: a server answering with the proxy password gets it masked in serverText', async () => {
    const password = 'Pr0xyS3cretPassw0rd'
    const server = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`rejected: the proxy said ${password} (user proxy_user_1)`)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    // The proxy (from the environment) is not used for 127.0.0.1, but its credentials are still the client's secrets.
    vi.stubEnv('HTTP_PROXY', `http://proxy_user_1:${password}@proxy.invalid:3128`)
    vi.stubEnv('NO_PROXY', '127.0.0.1')
    try {
      const analytics = new Analytics({
        destination: testDestination(`http://127.0.0.1:${port}`),
        maxRetries: 0,
      })
      const errors: string[] = []
      analytics.on('error', ({ error }) => errors.push(`${error.message} ${(error as { serverText?: string }).serverText ?? ''}`))
      analytics.track({ userId: 'u1', event: 'Proxied' })
      await analytics.close({ timeoutMs: 5_000 })
      expect(errors.length).toBeGreaterThan(0)
      for (const text of errors) {
        expect(text).toContain('rejected: the proxy said')
        expect(text).not.toContain(password)
        expect(text).not.toContain('proxy_user_1')
      }
    } finally {
      vi.unstubAllEnvs()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('a proxy variable the client does not use', () => {
  const malformed = { HTTPS_PROXY: 'alice:S3cretPw@proxy.corp:3128', HTTP_PROXY: 'http://bob:Pw0rd99@proxy.corp:3128' }

  it('is left to the runtime where its fetch reads the variables (Bun, Deno, edge)', () => {
    expect(clientProxySetting(undefined, 'fetch', malformed)).toEqual(NO_PROXY_SETTING)
    // Well-formed variables are still read, for their credentials to be masked.
    expect(clientProxySetting(undefined, 'fetch', { HTTP_PROXY: malformed.HTTP_PROXY }).secrets).toContain('Pw0rd99')
  })

  it('is refused on Node, where the client itself uses it (flag requests too, even with a custom transport)', () => {
    const refused = expectThrown(ConfigError, () => clientProxySetting(undefined, 'undici', malformed))
    expect(refused.message).toContain('HTTPS_PROXY')
    expect(refused.message).not.toContain('S3cretPw')
    // An explicit proxy option is checked on every platform.
    expect(() => clientProxySetting('user:pw@host:1', 'fetch', {})).toThrow(ConfigError)
  })
})

describe('the proxy credentials in errors of code that does not know them', () => {
  const password = 'Pr0xyS3cretPassw0rd'
  /** A flag source whose first request fails with the proxy's password in the server's answer. */
  const leakingSource = (): FlagSource => {
    let host: FlagSourceHost | undefined
    return {
      attach: (h) => void (host = h),
      getFlag: () => {
        host?.reportError(new PolytrackError('flags_remote_failed', `flags failed: the proxy said ${password}`))
        return Promise.resolve({ value: undefined, source: 'none' })
      },
      getAllFlags: () => Promise.resolve({}),
      reload: () => Promise.resolve(),
      close: () => Promise.resolve(),
    }
  }

  it("are masked in a flag source's error events and in the warning written when nobody listens", async () => {
    vi.stubEnv('HTTP_PROXY', `http://proxy_user_1:${password}@proxy.invalid:3128`)
    vi.stubEnv('NO_PROXY', '127.0.0.1')
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.message)
    process.on('warning', onWarning)
    try {
      const listened = new Analytics({ destination: testDestination('http://127.0.0.1:9'), flags: leakingSource() })
      const errors: PolytrackError[] = []
      listened.on('error', ({ error }) => errors.push(error))
      await listened.getFeatureFlag('f', 'u1')
      await listened.close()
      expect(errors.map((e) => e.message)).toEqual(['flags failed: the proxy said ****'])
      expect(errors[0]?.stack).not.toContain(password)

      const bare = new Analytics({ destination: testDestination('http://127.0.0.1:9'), flags: leakingSource() })
      await bare.getFeatureFlag('f', 'u1')
      await bare.close()
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.join('\n')).toContain('flags failed: the proxy said')
      expect(warnings.join('\n')).not.toContain(password)
    } finally {
      process.off('warning', onWarning)
      vi.unstubAllEnvs()
    }
  })
})
