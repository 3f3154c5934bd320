// Unknown options are errors that name the key and the nearest option (or the Go and Node SDKs'
// equivalent); the duration options carry `Ms`, their old names work for one release with one
// DeprecationWarning per name, and both names together are refused.
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Analytics } from '../src/analytics.js'
import { ConfigError } from '../src/errors.js'
import { localFlags } from '../src/flag-client/local-flags.js'
import { validateMembers } from '../src/destination-set.js'
import { resolveSettings } from '../src/delivery/settings.js'
import { testDestination } from './helpers/test-destination.js'

const destination = testDestination('http://127.0.0.1:9')
const clients: Analytics[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ timeoutMs: 0 })))
})

/** `new Analytics` with `extra`, expecting a ConfigError. */
const refused = (extra: Record<string, unknown>) => expectThrown(ConfigError, () => new Analytics({ destination, ...extra } as never))

describe('the Ms names of the delivery settings', () => {
  it('are read; the old names still work, with one DeprecationWarning per name; both names are refused', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    try {
      expect(
        resolveSettings({ flushIntervalMs: 7, httpTimeoutMs: 8, retryBaseDelayMs: 9, retryMaxDelayMs: 10 }, destination),
      ).toMatchObject({
        flushIntervalMs: 7,
        httpTimeoutMs: 8,
        retryBaseDelayMs: 9,
        retryMaxDelayMs: 10,
      })
      for (let i = 0; i < 3; i++) {
        expect(resolveSettings({ flushInterval: 11, httpTimeout: 12, retryBaseDelay: 13, retryMaxDelay: 14 }, destination)).toMatchObject({
          flushIntervalMs: 11,
          httpTimeoutMs: 12,
          retryBaseDelayMs: 13,
          retryMaxDelayMs: 14,
        })
      }
      const error = expectThrown(ConfigError, () => new Analytics({ destination, flushInterval: 5, flushIntervalMs: 5 }))
      expect(error.option).toBe('flushInterval')
      expect(error.message).toContain('give only flushIntervalMs')
      const deprecations = emitWarning.mock.calls.filter(
        ([, options]) => (options as { type?: string } | undefined)?.type === 'DeprecationWarning',
      )
      expect(deprecations.map(([, options]) => (options as { code: string }).code).sort()).toEqual([
        'POLYTRACK_DEP_FLUSH_INTERVAL',
        'POLYTRACK_DEP_HTTP_TIMEOUT',
        'POLYTRACK_DEP_RETRY_BASE_DELAY',
        'POLYTRACK_DEP_RETRY_MAX_DELAY',
      ])
      expect(String(deprecations[0]?.[0])).toMatch(/flushInterval is deprecated .* use flushIntervalMs/)
    } finally {
      emitWarning.mockRestore()
    }
  })

  it('a member’s new name wins over the client’s old one (each layer is renamed on its own)', () => {
    const analytics = new Analytics({
      destination: { kind: 'set', members: [{ destination, name: 'x', middleware: [], settings: { flushIntervalMs: 123 } }] },
      flushInterval: 456,
    })
    clients.push(analytics)
    const pipeline = (analytics as unknown as { pipelines: { settings: { flushIntervalMs: number } }[] }).pipelines[0]
    expect(pipeline?.settings.flushIntervalMs).toBe(123)
  })
})

describe('new Analytics({...}) refuses unknown options', () => {
  it('names the key and the nearest option for a misspelling (flushat)', () => {
    const error = refused({ flushat: 5 })
    expect(error.option).toBe('flushat')
    expect(error.message).toMatch(/flushat: is not an option \(did you mean `flushAt`\?\)/)
  })

  it('gives the Go and Node SDKs’ names a specific hint', () => {
    expect(refused({ BatchSize: 50 }).message).toContain('did you mean `flushAt`?')
    expect(refused({ Interval: 5000 }).message).toContain('did you mean `flushIntervalMs`?')
    expect(refused({ Verbose: true }).message).toContain("`logLevel: 'debug'`")
    expect(refused({ Endpoint: 'https://cdp-eu.customer.io' }).message).toContain("customerio({ writeKey, region: 'eu' })")
    expect(refused({ endpoint: 'https://cdp-eu.customer.io' }).option).toBe('endpoint')
    expect(refused({ writeKey: 'wk' }).message).toContain('keys are options of the adapter')
    expect(refused({ DefaultContext: {} }).message).toContain('did you mean `context`?')
    expect(refused({ Callback: {} }).message).toContain("analytics.on('error'")
    expect(refused({ flushInterval: 10, flushIntervalMillis: 5 }).message).toContain('did you mean `flushIntervalMs`?')
  })

  it('lists the current options, not the deprecated names', () => {
    const message = refused({ nope: 1 }).message
    expect(message).toContain('the options are: destination, flushAt, flushIntervalMs')
    expect(message).not.toMatch(/\bflushInterval\b,/)
  })

  it('refuses options that are not an object, as plain JavaScript may pass', () => {
    expect(expectThrown(ConfigError, () => new Analytics(null as never)).option).toBe('options')
    expect(expectThrown(ConfigError, () => new Analytics([] as never)).option).toBe('options')
  })
})

describe('close({...})', () => {
  it('refuses an unknown option, naming the nearest (timout → timeoutMs)', () => {
    const analytics = new Analytics({ destination })
    clients.push(analytics)
    const error = expectThrown(ConfigError, () => analytics.close({ timout: 5 } as never))
    expect(error.option).toBe('close.timout')
    expect(error.message).toContain('did you mean `timeoutMs`?')
    expect(expectThrown(ConfigError, () => analytics.close({ timeoutMs: -1 })).option).toBe('close.timeoutMs')
  })

  it('takes timeoutMs, and the deprecated timeout', async () => {
    const a = new Analytics({ destination })
    expect((await a.close({ timeoutMs: 0 })).timedOut).toBe(false)
    const b = new Analytics({ destination })
    expect((await b.close({ timeout: 0 })).timedOut).toBe(false)
    const c = new Analytics({ destination })
    clients.push(c)
    expect(expectThrown(ConfigError, () => c.close({ timeout: 1, timeoutMs: 1 })).message).toContain('give only close.timeoutMs')
  })
})

describe('localFlags({...}) and multiplex members', () => {
  it('localFlags refuses an unknown option (fil → file)', () => {
    const error = expectThrown(ConfigError, () => localFlags({ fil: './flags.json' } as never))
    expect(error.option).toBe('localFlags.fil')
    expect(error.message).toContain('did you mean `file`?')
    expect(expectThrown(ConfigError, () => localFlags({ definitions: { flags: [] }, flags: [] } as never)).message).toContain(
      'did you mean `definitions`',
    )
  })

  it('a member’s settings refuse unknown keys, with the Go names’ hints', () => {
    const member = (settings: object) => [{ destination, name: 'a', middleware: [], settings }]
    const error = expectThrown(ConfigError, () => validateMembers(member({ BatchSize: 5 }), (i) => `multiplex[${i}]`))
    expect(error.option).toBe('multiplex[0].settings.BatchSize')
    expect(error.message).toContain('did you mean `flushAt`?')
    expect(validateMembers(member({ flushIntervalMs: 5, flushInterval: undefined }), (i) => `m[${i}]`)).toHaveLength(1)
  })
})
