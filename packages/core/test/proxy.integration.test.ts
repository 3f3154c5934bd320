// Proxies, through real CONNECT forward proxies on 127.0.0.1 (the sink's test proxy) to the sink:
// the environment's HTTP_PROXY / HTTPS_PROXY / NO_PROXY (read when the client is created), the
// `proxy` option (a URL with credentials, or false), and credentials never shown.
import { inspect } from 'node:util'
import { startConnectProxy, type ConnectProxy } from '@polytrack/sink'
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { Analytics } from '../src/analytics.js'
import { createHttpTransport } from '../src/delivery/http-transport.js'
import { ConfigError } from '../src/errors.js'
import type { ErrorEvent } from '../src/events/event-types.js'
import { testDestination } from './helpers/test-destination.js'
import { testSink } from './helpers/test-sink.js'

const clients: Analytics[] = []
const sink = testSink(clients)
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const

let httpProxy: ConnectProxy
let httpsProxy: ConnectProxy
let authProxy: ConnectProxy
beforeAll(async () => {
  ;[httpProxy, httpsProxy, authProxy] = await Promise.all([
    startConnectProxy(),
    startConnectProxy(),
    startConnectProxy({ credentials: 'proxy-user:pa@ss-hunter2' }),
  ])
})
afterAll(async () => {
  await Promise.all([httpProxy.close(), httpsProxy.close(), authProxy.close()])
})
beforeEach(() => {
  // Whatever the machine running the tests has, each test starts with no proxy variable.
  for (const name of PROXY_VARIABLES) vi.stubEnv(name, undefined)
  for (const proxy of [httpProxy, httpsProxy, authProxy]) proxy.reset()
})
afterEach(() => {
  vi.unstubAllEnvs()
})

const sinkHost = () => `127.0.0.1:${sink.port}`

function client(options: Partial<ConstructorParameters<typeof Analytics>[0]> & { baseUrl?: string } = {}): {
  analytics: Analytics
  errors: ErrorEvent[]
} {
  const { baseUrl = sink.urlFor('segment'), ...rest } = options
  const analytics = new Analytics({ destination: testDestination(baseUrl), flushIntervalMs: 60_000, maxRetries: 0, ...rest })
  const errors: ErrorEvent[] = []
  analytics.on('error', (event) => errors.push(event))
  clients.push(analytics)
  return { analytics, errors }
}

async function sendOne(analytics: Analytics): Promise<void> {
  analytics.track({ userId: 'u1', event: 'Proxied' })
  await analytics.flush()
}

describe('proxies from the environment', () => {
  it('with both variables set, sends an http:// host through HTTP_PROXY and an https:// host through HTTPS_PROXY', async () => {
    vi.stubEnv('HTTP_PROXY', httpProxy.url)
    vi.stubEnv('HTTPS_PROXY', httpsProxy.url)
    const plain = client()
    await sendOne(plain.analytics)
    expect(plain.errors).toEqual([])
    expect(sink.messages({ vendor: 'segment' })).toHaveLength(1)
    expect(httpProxy.tunnels).toEqual([{ target: sinkHost(), opened: true }])
    expect(httpsProxy.tunnels).toEqual([])

    // The sink speaks plain HTTP, so TLS fails inside the tunnel: what counts is where the tunnel went.
    const secure = client({ baseUrl: `https://${sinkHost()}/segment` })
    await sendOne(secure.analytics)
    expect(httpsProxy.tunnels).toEqual([{ target: sinkHost(), opened: true }])
    expect(httpProxy.tunnels).toHaveLength(1)
    expect(secure.errors).toHaveLength(1)
  })

  it('reads the lower-case forms too, which win over the upper-case ones', async () => {
    vi.stubEnv('http_proxy', httpProxy.url)
    vi.stubEnv('HTTP_PROXY', httpsProxy.url)
    const { analytics } = client()
    await sendOne(analytics)
    expect(httpProxy.tunnels).toHaveLength(1)
    expect(httpsProxy.tunnels).toEqual([])
  })

  it('sends a host NO_PROXY lists straight to it, with both variables set', async () => {
    vi.stubEnv('HTTP_PROXY', httpProxy.url)
    vi.stubEnv('HTTPS_PROXY', httpsProxy.url)
    vi.stubEnv('NO_PROXY', 'localhost, 127.0.0.1')
    const { analytics, errors } = client()
    await sendOne(analytics)
    expect(errors).toEqual([])
    expect(sink.messages({ vendor: 'segment' })).toHaveLength(1)
    expect(httpProxy.tunnels).toEqual([])
    expect(httpsProxy.tunnels).toEqual([])
  })

  it('proxies a host NO_PROXY does not list (another port of the same address)', async () => {
    vi.stubEnv('HTTP_PROXY', httpProxy.url)
    vi.stubEnv('NO_PROXY', `127.0.0.1:${sink.port + 1}`)
    const { analytics } = client()
    await sendOne(analytics)
    expect(httpProxy.tunnels).toEqual([{ target: sinkHost(), opened: true }])
  })

  it('reads the variables when the client is created, not later', async () => {
    const before = client()
    vi.stubEnv('HTTP_PROXY', httpProxy.url)
    vi.stubEnv('NO_PROXY', 'example.com')
    const during = client()
    vi.stubEnv('HTTP_PROXY', undefined)
    vi.stubEnv('NO_PROXY', '127.0.0.1')
    await sendOne(before.analytics)
    expect(httpProxy.tunnels).toEqual([])
    await sendOne(during.analytics)
    expect(httpProxy.tunnels).toEqual([{ target: sinkHost(), opened: true }])
    expect(sink.messages({ vendor: 'segment' })).toHaveLength(2)
  })

  it('refuses a variable that is not an http(s) URL, naming the variable and not quoting it', () => {
    vi.stubEnv('HTTPS_PROXY', 'socks4://user:hunter2@127.0.0.1:1')
    const error = expectThrown(ConfigError, () => client())
    expect(error.option).toBe('environment variable HTTPS_PROXY')
    expect(error.message).not.toContain('hunter2')
  })
})

describe('the proxy option', () => {
  it('sends every request through the URL given, with its credentials, whatever the environment says', async () => {
    vi.stubEnv('HTTP_PROXY', httpsProxy.url)
    const proxy = `http://proxy-user:${encodeURIComponent('pa@ss-hunter2')}@127.0.0.1:${authProxy.port}`
    const { analytics, errors } = client({ proxy })
    await sendOne(analytics)
    expect(errors).toEqual([])
    expect(sink.messages({ vendor: 'segment' })).toHaveLength(1)
    expect(authProxy.tunnels).toEqual([
      { target: sinkHost(), opened: true, authorization: `Basic ${Buffer.from('proxy-user:pa@ss-hunter2').toString('base64')}` },
    ])
    expect(httpsProxy.tunnels).toEqual([])
  })

  it('false ignores the environment', async () => {
    vi.stubEnv('HTTP_PROXY', httpProxy.url)
    vi.stubEnv('HTTPS_PROXY', httpProxy.url)
    const { analytics, errors } = client({ proxy: false })
    await sendOne(analytics)
    expect(errors).toEqual([])
    expect(sink.messages({ vendor: 'segment' })).toHaveLength(1)
    expect(httpProxy.tunnels).toEqual([])
  })

  it("never shows the credentials: not in a refused tunnel's error, nor in the client, nor in a ConfigError", async () => {
    const proxy = `http://proxy-user:wrong-hunter3@127.0.0.1:${authProxy.port}`
    const { analytics, errors } = client({ proxy })
    await sendOne(analytics)
    expect(authProxy.tunnels).toMatchObject([{ target: sinkHost(), opened: false }])
    expect(errors).toHaveLength(1)
    const shown = [
      JSON.stringify(errors),
      inspect(errors, { depth: 10 }),
      String(errors[0]?.error.message),
      inspect(analytics),
      JSON.stringify(analytics),
    ].join('\n')
    expect(shown).toContain('407')
    expect(shown).not.toContain('wrong-hunter3')
    expect(shown).not.toContain(Buffer.from('proxy-user:wrong-hunter3').toString('base64'))
    for (const bad of ['ftp://user:hunter4@127.0.0.1:1', 'user:hunter4@127.0.0.1:1']) {
      const thrown = expectThrown(ConfigError, () => new Analytics({ destination: testDestination(sink.urlFor('segment')), proxy: bad }))
      expect(thrown.option).toBe('proxy')
      expect(thrown.message).not.toContain('hunter4')
    }
  })

  it('is refused with a custom transport, where it could not apply', () => {
    expect(
      () =>
        new Analytics({
          destination: testDestination(sink.urlFor('segment')),
          proxy: false,
          transport: () => createHttpTransport({ connections: 1 }),
        }),
    ).toThrow(expect.objectContaining({ option: 'proxy' }))
  })

  it('createHttpTransport({ proxy }) sends exchanges through it', async () => {
    const transport = createHttpTransport({ connections: 1, proxy: httpProxy.url })
    try {
      const result = await transport.exchange(
        { method: 'GET', url: `${sink.url}/no-such-route`, headers: {} },
        { signal: new AbortController().signal, timeoutMs: 5_000, maxResponseBytes: 10_000 },
      )
      expect(result.kind).toBe('response')
      expect(httpProxy.tunnels).toEqual([{ target: sinkHost(), opened: true }])
    } finally {
      await transport.close()
    }
  })
})
