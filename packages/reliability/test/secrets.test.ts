import { inspect } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { Analytics, ConfigError } from '@polytrack/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAdapters, type AdapterCase } from './support/adapters.js'
import { recordEvents } from './support/client.js'
import { expose } from './support/expose.js'
import { closedPort, httpServer, type TestServer } from './support/servers.js'

/**
 * Secrets: write keys and personal API keys never appear in errors, events, warnings or anything
 * written to the console or stderr — even when a server echoes them back (401 with the key, 400
 * echoing the request body and headers, 500s until retries run out) or the network fails. And
 * plain-http endpoints are refused unless loopback or explicitly allowed.
 */
let adapters: AdapterCase[] = []
let missing: string[] = []
const servers: TestServer[] = []

/** Every form a key could take on the wire: itself and its Basic-auth encodings. */
function needles(secrets: string[]): string[] {
  return secrets.flatMap((s) => [s, Buffer.from(`${s}:`).toString('base64'), Buffer.from(s).toString('base64')])
}

/** Captures console, stdout/stderr writes and process warnings while `work` runs. */
async function captureOutput(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = []
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const
  const saved = methods.map((m) => console[m])
  const savedOut = process.stdout.write.bind(process.stdout)
  const savedErr = process.stderr.write.bind(process.stderr)
  const onWarning = (w: Error) => chunks.push(expose(w))
  for (const m of methods) console[m] = (...args: unknown[]) => void chunks.push(args.map((a) => expose(a)).join(' '))
  process.stdout.write = ((c: unknown) => (chunks.push(String(c)), true)) as typeof process.stdout.write
  process.stderr.write = ((c: unknown) => (chunks.push(String(c)), true)) as typeof process.stderr.write
  process.on('warning', onWarning)
  try {
    await work()
    await new Promise((r) => setTimeout(r, 20)) // warnings are emitted on the next tick
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i] as (typeof console)[typeof m]))
    process.stdout.write = savedOut
    process.stderr.write = savedErr
    process.off('warning', onWarning)
  }
  return chunks.join('\n')
}

/** A server that echoes everything it was sent (headers, decoded Basic user, body) with `status`. */
function echoServer(status: number): Promise<TestServer> {
  return httpServer((req, res, raw) => {
    let body = raw
    try {
      if (/gzip/.test(req.headers['content-encoding'] ?? '')) body = gunzipSync(raw)
    } catch {
      // not gzip after all
    }
    const auth = req.headers.authorization ?? ''
    const user = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : ''
    const text = JSON.stringify({ error: `key ${user} is not valid`, authorization: auth, headers: req.headers, body: body.toString('utf8').slice(0, 4000) })
    res.writeHead(status, { 'content-type': 'application/json', 'www-authenticate': `Basic realm="${user}"` }).end(text)
  })
}

beforeAll(async () => {
  ;({ adapters, missing } = await loadAdapters())
  if (missing.length > 0) console.log(`secrets: adapters not built, not covered here: ${missing.join(', ')}`)
})
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const SCENARIOS = ['401 echoing the key', '400 echoing body and headers', '500 echoing until retries run out', 'connection refused', 'connection dropped'] as const

async function endpoint(scenario: (typeof SCENARIOS)[number]): Promise<string> {
  let server: TestServer
  switch (scenario) {
    case '401 echoing the key':
      server = await echoServer(401)
      break
    case '400 echoing body and headers':
      server = await echoServer(400)
      break
    case '500 echoing until retries run out':
      server = await echoServer(500)
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
  it('covers RudderStack and every other built adapter', () => {
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
          const withListeners = new Analytics({ destination: adapter.create(adapter.options(url)), flushAt: 5, maxRetries: 1, retryBaseDelay: 5, httpTimeout: 1000 })
          const bare = new Analytics({ destination: adapter.create(adapter.options(url)), flushAt: 5, maxRetries: 1, retryBaseDelay: 5, httpTimeout: 1000 })
          const log = recordEvents(withListeners)
          for (const client of [withListeners, bare]) {
            for (let i = 0; i < 10; i++) client.track({ userId: `u${i}`, event: 'Secret Test', properties: { i } })
          }
          await Promise.all([withListeners.flush(), bare.flush()])
          const reports = await Promise.all([withListeners.close({ timeout: 1000 }), bare.close({ timeout: 1000 })])
          expect(log.of('error').length, `${adapter.name}: an error event was expected`).toBeGreaterThan(0)
          observed = expose(log.all) + expose(reports) + expose(withListeners.report())
        })
        expect(output, `${adapter.name}: the bare client should have warned`).toMatch(/POLYTRACK_DELIVERY|Warning/)
        for (const needle of needles(adapter.secrets)) {
          expect(observed.includes(needle), `${adapter.name} ${scenario}: "${needle}" in events/errors`).toBe(false)
          expect(output.includes(needle), `${adapter.name} ${scenario}: "${needle}" in console/stderr/warnings`).toBe(false)
        }
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
        { ...adapter.options('https://example.com'), [Object.keys(adapter.options('x')).find((k) => adapter.options('x')[k] === secret) as string]: ` ${secret} ` },
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
        for (const needle of needles(adapter.secrets)) expect(expose(error).includes(needle), `${adapter.name}: ${expose(error)}`).toBe(false)
      }
    }
  })
})

describe('plain http is refused unless loopback or allowed explicitly', () => {
  const refused = ['http://analytics.example.com', 'http://10.0.0.7:8080', 'http://0.0.0.0', 'http://127.0.0.1.nip.io', 'http://localhost.example.com', 'HTTP://EXAMPLE.COM', 'http:example.com', 'ftp://example.com', 'ws://127.0.0.1']
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
        expect(() => adapter.create({ ...adapter.options('http://analytics.example.com'), allowInsecureHttp: flag }), `${adapter.name} allowInsecureHttp: ${String(flag)}`).toThrow(ConfigError)
      }
    }
  })

  it('accepts https, loopback http, and http with allowInsecureHttp: true', () => {
    for (const adapter of adapters) {
      for (const url of ['https://analytics.example.com', ...loopback]) expect(() => adapter.create(adapter.options(url)), `${adapter.name} ${url}`).not.toThrow()
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
      void analytics.close({ timeout: 0 })
      for (const needle of needles(adapter.secrets)) expect(shown.includes(needle), `${adapter.name}: ${needle}`).toBe(false)
    }
  })
})
