// What an adversarial review of the options objects found: every factory checked the own keys of
// its options but then read them with plain property access, so an inherited option (prototype
// pollution elsewhere in the host application) was used, symbol keys were not checked, and a
// getter or Proxy that throws gave a raw TypeError. Each case failed before its fix.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startConnectProxy, type ConnectProxy } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { Analytics } from '../src/analytics.js'
import { ConfigError } from '../src/errors.js'
import { createFetchTransport } from '../src/delivery/fetch-transport.js'
import { createHttpTransport } from '../src/delivery/http-transport.js'
import { localFlags } from '../src/flag-client/local-flags.js'
import { createFileSpool } from '../src/platform/runtime-exports.js'
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import {
  throwingGetProxy,
  throwingProxy,
  withChangingGetter,
  withPolluted,
  withThrowingGetter,
} from '@polytrack/test-support/hostile-objects'
import { testDestination } from './helpers/test-destination.js'
import { testSink } from './helpers/test-sink.js'

const clients: Analytics[] = []
const sink = testSink(clients)
const destination = testDestination('http://127.0.0.1:9')
const dirs: string[] = []
const disposals: (() => Promise<unknown>)[] = []
afterEach(async () => {
  await Promise.all(disposals.splice(0).map((dispose) => dispose()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-hostile-options-'))
  dirs.push(dir)
  return dir
}

/** A client closed after the test. */
function analytics(options: object): Analytics {
  const client = new Analytics(options as never)
  clients.push(client)
  return client
}

/** One factory whose options are checked: how to call it, valid options, and one option to tamper with. */
interface Factory {
  name: string
  /** The prefix of the option names in its errors (`spool`), or '' (then the whole argument is `options`). */
  path: string
  build(options: object): void
  valid(): Record<string, unknown>
  /** An option, with a valid value, to replace by a getter. */
  key: string
  value: () => unknown
  /** An option and a value that would throw (or be used) if an inherited value were read. */
  inherited: [string, unknown]
}

const keep = <T extends { close(...args: never[]): Promise<unknown> }>(made: T): T => {
  disposals.push(() => made.close())
  return made
}

const FACTORIES: Factory[] = [
  {
    name: 'new Analytics(options)',
    path: '',
    build: (options) => analytics(options),
    valid: () => ({ destination }),
    key: 'proxy',
    value: () => false,
    inherited: ['deferEncoding', 'yes'],
  },
  {
    name: 'close(options)',
    path: 'close',
    build: (options) => {
      const client = analytics({ destination })
      void client.close(options as never)
    },
    valid: () => ({ timeoutMs: 1_000 }),
    key: 'timeoutMs',
    value: () => 0,
    inherited: ['timeoutMs', -1],
  },
  {
    name: 'createHttpTransport(options)',
    path: 'transport',
    build: (options) => keep(createHttpTransport(options as never)),
    valid: () => ({ connections: 1 }),
    key: 'proxy',
    value: () => false,
    inherited: ['proxy', 'not a proxy URL'],
  },
  {
    name: 'createFetchTransport(options)',
    path: 'createFetchTransport',
    build: (options) => keep(createFetchTransport(options as never)),
    valid: () => ({ maxResponseBytes: 1_024 }),
    key: 'fetch',
    value: () => globalThis.fetch,
    inherited: ['fetch', 'not a function'],
  },
  {
    name: 'createFileSpool(options)',
    path: 'spool',
    build: (options) => keep(createFileSpool(options as never)),
    valid: () => ({ dir: tempDir() }),
    key: 'fsync',
    value: () => 'never',
    inherited: ['fsync', 'sometimes'],
  },
  {
    name: 'the spool option of new Analytics',
    path: 'spool',
    build: (options) => analytics({ destination, spool: options }),
    valid: () => ({ dir: tempDir() }),
    key: 'fsync',
    value: () => 'never',
    inherited: ['fsync', 'sometimes'],
  },
  {
    name: 'localFlags(options)',
    path: 'localFlags',
    build: (options) => keep(localFlags(options as never)),
    valid: () => ({ definitions: { flags: [] } }),
    key: 'definitions',
    value: () => ({ flags: [] }),
    inherited: ['file', '/nonexistent/flags.json'],
  },
  {
    name: "a destination set member's settings",
    path: 'destination.members[0].settings',
    build: (settings) => analytics({ destination: { kind: 'set', members: [{ destination, name: 'segment', middleware: [], settings }] } }),
    valid: () => ({ flushAt: 10 }),
    key: 'maxQueueSize',
    value: () => 100,
    inherited: ['flushAt', 0],
  },
]

const named = (path: string, key: string) => (path === '' ? key : `${path}.${key}`)

describe.each(FACTORIES)('$name against hostile options objects', (factory) => {
  it('builds from the valid options (the baseline of the cases below)', () => {
    expect(() => factory.build(factory.valid())).not.toThrow()
  })

  it('neither reads nor uses an inherited option (Object.prototype polluted)', () => {
    const [name, value] = factory.inherited
    const options = factory.valid()
    const { reads } = withPolluted(name, value, () => factory.build(options))
    expect(reads).toBe(0)
  })

  it('refuses a symbol key with a ConfigError', () => {
    const error = expectThrown(ConfigError, () => factory.build({ ...factory.valid(), [Symbol('flushAt')]: 1 }))
    expect(error.option).toBe(factory.path === '' ? 'options' : factory.path)
  })

  it('turns a getter that throws into a ConfigError naming the option', () => {
    const error = expectThrown(ConfigError, () => factory.build(withThrowingGetter(factory.valid(), factory.key)))
    expect(error.option).toBe(named(factory.path, factory.key))
    expect(error.message).not.toContain('getter threw')
  })

  it('turns a Proxy whose traps throw into a ConfigError naming the argument', () => {
    const error = expectThrown(ConfigError, () => factory.build(throwingProxy()))
    expect(error.option).toBe(factory.path === '' ? 'options' : factory.path)
    expect(error.message).not.toContain('trap threw')
  })

  it('turns a Proxy whose get trap throws into a ConfigError naming an option', () => {
    const error = expectThrown(ConfigError, () => factory.build(throwingGetProxy(factory.valid())))
    expect(error.option.startsWith(factory.path)).toBe(true)
    expect(error.message).not.toContain('trap threw')
  })

  it('reads each option once: a getter that changes its value cannot slip a different one past the checks', () => {
    const { options, reads } = withChangingGetter(factory.valid(), factory.key, [factory.value(), factory.inherited[1]])
    expect(() => factory.build(options)).not.toThrow()
    expect(reads()).toBe(1)
  })
})

describe('an inherited proxy option (Object.prototype.proxy polluted)', () => {
  let evil: ConnectProxy
  beforeAll(async () => {
    evil = await startConnectProxy()
  })
  afterAll(async () => {
    await evil.close()
  })

  it('is not used: requests go straight to the destination, not through the polluted proxy', async () => {
    for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) vi.stubEnv(name, undefined)
    try {
      const { result: client } = withPolluted('proxy', evil.url, () =>
        analytics({ destination: testDestination(sink.urlFor('segment')), flushIntervalMs: 60_000, maxRetries: 0 }),
      )
      client.track({ userId: 'u1', event: 'Not Proxied' })
      await client.flush()
      expect(evil.tunnels).toEqual([])
      expect(sink.messages({ vendor: 'segment' })).toHaveLength(1)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('nor by createHttpTransport({ connections }): it reads no inherited proxy', () => {
    const { reads } = withPolluted('proxy', evil.url, () => keep(createHttpTransport({ connections: 1 })))
    expect(reads).toBe(0)
  })
})

describe('an inherited settings field (Object.prototype.settings polluted)', () => {
  it('is not read for a single destination, nor for a set member without settings', () => {
    const set = { kind: 'set', members: [{ destination, name: 'segment', middleware: [] }] }
    for (const given of [destination, set]) {
      const { reads } = withPolluted('settings', { flushAt: 0 }, () => analytics({ destination: given }))
      expect(reads).toBe(0)
    }
  })
})

describe('the options argument itself', () => {
  it('a revoked Proxy is a ConfigError naming options, not a TypeError', () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(expectThrown(ConfigError, () => analytics(proxy)).option).toBe('options')
  })
})

describe('deprecated setting names inherited from a polluted Object.prototype', () => {
  it('are not read: no ConfigError, no setting changed, for the client and a destination-set member', () => {
    const { result: settings, reads } = withPolluted('httpTimeout', 1, () => {
      const client = new Analytics({ destination: testDestination('http://127.0.0.1:9') })
      const member = new Analytics({
        destination: {
          kind: 'set',
          members: [{ name: 'a', destination: testDestination('http://127.0.0.1:9'), middleware: [], settings: { flushAt: 5 } }],
        },
      })
      const read = (analytics: Analytics) =>
        (analytics as unknown as { pipelines: { settings: { httpTimeoutMs: number } }[] }).pipelines[0]?.settings
      const both = [read(client), read(member)]
      void client.close()
      void member.close()
      return both
    })
    expect(reads).toBe(0)
    for (const s of settings) expect(s?.httpTimeoutMs).toBeGreaterThan(1_000)
  })
})

describe('the flags option', () => {
  it('is a ConfigError naming flags when it is not a flag source', () => {
    for (const flags of ['x', 42, {}, { attach: 1 }, [] as unknown[]]) {
      const error = expectThrown(
        ConfigError,
        () => new Analytics({ destination: testDestination('http://127.0.0.1:9'), flags: flags as never }),
      )
      expect(error.option).toBe('flags')
    }
  })

  it('whose attach throws is a ConfigError that releases the spool (another client can take its directory)', async () => {
    const dir = tempDir()
    const source = {
      ...localFlags({ definitions: { flags: [] } }),
      attach: () => {
        throw new Error('attach failed: SECRET-attach')
      },
    }
    const error = expectThrown(
      ConfigError,
      () => new Analytics({ destination: testDestination('http://127.0.0.1:9'), flags: source, spool: { dir } }),
    )
    expect(error.option).toBe('flags')
    expect(error.message).not.toContain('SECRET-attach')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const next = new Analytics({ destination: testDestination('http://127.0.0.1:9'), spool: { dir } })
    await next.close()
  })
})
