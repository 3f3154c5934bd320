import { inspect } from 'node:util'
import { captureOutput, expose, leakedNeedles, startKeyEchoServer, type EchoServer } from '@polytrack/adapter-conformance'
import { Analytics, ConfigError } from '@polytrack/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAdapters, type AdapterCase } from './support/adapters.js'
import { recordEvents } from './support/client.js'
import { closedPort, httpServer } from './support/servers.js'

/**
 * Secrets: write keys and personal API keys never appear in errors, events, warnings or anything
 * written to the console or stderr — even when a server echoes them back (401 with the key, 400
 * echoing the request body and headers, 500s until retries run out) or the network fails. And
 * plain-http endpoints are refused unless loopback or explicitly allowed.
 */
let adapters: AdapterCase[] = []
let missing: string[] = []
const servers: EchoServer[] = []

beforeAll(async () => {
  ;({ adapters, missing } = await loadAdapters())
})
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const SCENARIOS = [
  '401 echoing the key',
  '400 echoing body and headers',
  '500 echoing until retries run out',
  'connection refused',
  'connection dropped',
] as const

async function endpoint(scenario: (typeof SCENARIOS)[number]): Promise<string> {
  let server: EchoServer
  switch (scenario) {
    case '401 echoing the key':
      server = await startKeyEchoServer(401)
      break
    case '400 echoing body and headers':
      server = await startKeyEchoServer(400)
      break
    case '500 echoing until retries run out':
      server = await startKeyEchoServer(500)
      break
    case 'connection dropped':
      server = await httpServer((req) => req.socket.destroy())
      break
    default:
      return `http://127.0.0.1:${await closedPort()}`
  }
  servers.push(server)
  return server.url
}

describe('secrets never leak', () => {
  it('covers every adapter of the workspace (package.json polytrack.adapter), built', () => {
    expect(missing, 'adapters not built').toEqual([])
    expect(adapters.map((a) => a.name)).toContain('rudderstack')
    console.log(`secrets: adapters covered: ${adapters.map((a) => a.name).join(', ')}`)
  })

  for (const scenario of SCENARIOS) {
    it(`not in errors, events, warnings or output: ${scenario}`, async () => {
      for (const adapter of adapters) {
        const url = await endpoint(scenario)
        let observed = ''
        const output = await captureOutput(async () => {
          // One client listens to every event; one has no listener (errors become process warnings).
          const client = () =>
            new Analytics({
              destination: adapter.create(adapter.options(url)),
              flushAt: 5,
              maxRetries: 1,
              retryBaseDelayMs: 5,
              httpTimeoutMs: 1000,
            })
          const withListeners = client()
          const bare = client()
          const log = recordEvents(withListeners)
          for (const each of [withListeners, bare]) {
            for (let i = 0; i < 10; i++) each.track({ userId: `user-${i}`, event: 'Secret Test', properties: { i } })
          }
          await Promise.all([withListeners.flush(), bare.flush()])
          const reports = await Promise.all([withListeners.close({ timeoutMs: 1000 }), bare.close({ timeoutMs: 1000 })])
          expect(log.of('error').length, `${adapter.name}: an error event was expected`).toBeGreaterThan(0)
          observed = expose(log.all) + expose(reports) + expose(withListeners.report())
        })
        expect(output, `${adapter.name}: the bare client should have warned`).toMatch(/POLYTRACK_DELIVERY|Warning/)
        expect(leakedNeedles(observed, adapter.secrets), `${adapter.name} ${scenario}: in events/errors`).toEqual([])
        expect(leakedNeedles(output, adapter.secrets), `${adapter.name} ${scenario}: in console/stderr/warnings`).toEqual([])
      }
    })
  }

  it('not in configuration errors: malformed URLs with credentials, keys with spaces, keys passed as the URL', () => {
    for (const adapter of adapters) {
      const [secret] = adapter.secrets as [string]
      const attempts: Record<string, unknown>[] = [
        { ...adapter.options(`https://user:${secret}@exa mple.com`) },
        { ...adapter.options(`https://user:${secret}@example.com`) },
        { ...adapter.options(secret) },
        { ...adapter.options(`${secret}://x`) },
        { ...adapter.options('https://example.com'), [adapter.keyOption]: ` ${secret} ` },
      ]
      for (const options of attempts) {
        let error: unknown
        try {
          adapter.create(options)
        } catch (e) {
          error = e
        }
        expect(error, `${adapter.name}: ${inspect(options)} was accepted`).toBeInstanceOf(Error)
        expect((error as Error).name).toBe('ConfigError')
        expect(leakedNeedles(expose(error), adapter.secrets), `${adapter.name}: ${expose(error)}`).toEqual([])
      }
    }
  })
})

describe('plain http is refused unless loopback or allowed explicitly', () => {
  const refused = [
    'http://analytics.example.com',
    'http://10.0.0.7:8080',
    'http://0.0.0.0',
    'http://127.0.0.1.nip.io',
    'http://localhost.example.com',
    'HTTP://EXAMPLE.COM',
    'http:example.com',
    'ftp://example.com',
    'ws://127.0.0.1',
  ]
  const loopback = ['http://127.0.0.1:8080', 'http://localhost', 'http://localhost:3000/ingest', 'http://[::1]:4000', 'http://127.10.20.30']

  it('refuses non-loopback http (and other schemes), naming the option', () => {
    for (const adapter of adapters) {
      for (const url of refused) {
        let error: unknown
        try {
          adapter.create(adapter.options(url))
        } catch (e) {
          error = e
        }
        expect(error, `${adapter.name} accepted ${url}`).toBeInstanceOf(ConfigError)
        expect((error as ConfigError).option).toBe(adapter.urlOption)
      }
      // allowInsecureHttp must be exactly true.
      for (const flag of ['true', 1, 'yes', {}]) {
        expect(
          () => adapter.create({ ...adapter.options('http://analytics.example.com'), allowInsecureHttp: flag }),
          `${adapter.name} allowInsecureHttp: ${String(flag)}`,
        ).toThrow(ConfigError)
      }
    }
  })

  it('accepts https, loopback http, and http with allowInsecureHttp: true', () => {
    for (const adapter of adapters) {
      for (const url of ['https://analytics.example.com', ...loopback])
        expect(() => adapter.create(adapter.options(url)), `${adapter.name} ${url}`).not.toThrow()
      expect(() => adapter.create({ ...adapter.options('http://analytics.example.com'), allowInsecureHttp: true })).not.toThrow()
    }
  })
})

describe('never silent, never a key in logs', () => {
  // Adapters hide `secrets` (protectSecrets) and the client prints only destination names.
  it('util.inspect of an adapter or of a client shows no key', () => {
    for (const adapter of adapters) {
      const destination = adapter.create(adapter.options('https://example.com'))
      const analytics = new Analytics({ destination })
      const shown = inspect(destination) + inspect(analytics, { depth: null })
      void analytics.close({ timeoutMs: 0 })
      expect(leakedNeedles(shown, adapter.secrets), adapter.name).toEqual([])
    }
  })
})
