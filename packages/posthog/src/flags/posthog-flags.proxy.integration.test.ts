// Flag requests take the client's one HTTP layer, proxy included: definitions polling and remote
// evaluation through real CONNECT proxies on 127.0.0.1 (the sink's test proxy) to the sink, from
// the environment's HTTP_PROXY / HTTPS_PROXY / NO_PROXY and from the `proxy` option. The global
// `fetch` throws throughout: no flag request may use it.
import { Analytics, type ErrorEvent } from '@polytrack/core'
import { startConnectProxy, type ConnectProxy, type Sink } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { posthog } from '../index.js'
import { API_KEY, DEFINITIONS, PERSONAL, startFlagSink } from './flag-fixtures.test-helpers.js'

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const
let sink: Sink
let proxy: ConnectProxy
let other: ConnectProxy
const open: Analytics[] = []

beforeAll(async () => {
  sink = await startFlagSink(() => ({
    flags: { remote: { key: 'remote', enabled: true, variant: null, metadata: { id: 9, version: 1, payload: null } } },
    errorsWhileComputingFlags: false,
  }))
  ;[proxy, other] = await Promise.all([startConnectProxy({ credentials: 'flags-user:hunter5' }), startConnectProxy()])
})
afterAll(async () => {
  await Promise.all([sink.close(), proxy.close(), other.close()])
})
beforeEach(() => {
  for (const name of PROXY_VARIABLES) vi.stubEnv(name, undefined)
  vi.stubGlobal('fetch', () => {
    throw new Error('a flag request used the global fetch')
  })
  sink.reset()
  sink.setFlagDefinitions(DEFINITIONS)
  proxy.reset()
  other.reset()
})
afterEach(async () => {
  await Promise.all(open.splice(0).map((analytics) => analytics.close({ timeoutMs: 2_000 })))
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

const sinkHost = () => `127.0.0.1:${sink.port}`
const flagRequests = (method: 'GET' | 'POST') => sink.requests({ vendor: 'posthog', kind: 'flags' }).filter((r) => r.method === method)

function client(options: { personalApiKey?: string; proxy?: string | false } = {}): { analytics: Analytics; errors: ErrorEvent[] } {
  const { personalApiKey, proxy: proxyOption } = options
  const analytics = new Analytics({
    destination: posthog({
      apiKey: API_KEY,
      host: sink.urlFor('posthog'),
      featureFlagsPollingIntervalMs: 60_000,
      ...(personalApiKey ? { personalApiKey } : {}),
    }),
    ...(proxyOption === undefined ? {} : { proxy: proxyOption }),
  })
  const errors: ErrorEvent[] = []
  analytics.on('error', (event) => errors.push(event))
  open.push(analytics)
  return { analytics, errors }
}

describe('flag requests through a proxy', () => {
  it('polls definitions through HTTP_PROXY when both variables are set (and never the global fetch)', async () => {
    vi.stubEnv('HTTP_PROXY', other.url)
    vi.stubEnv('HTTPS_PROXY', proxy.url)
    const { analytics, errors } = client({ personalApiKey: PERSONAL })
    expect(await analytics.getFeatureFlag('simple-on', 'user-1', { onlyEvaluateLocally: true })).toBe(true)
    expect(errors).toEqual([])
    expect(flagRequests('GET')).toHaveLength(1)
    expect(other.tunnels.length).toBeGreaterThan(0)
    expect(other.tunnels.every((t) => t.target === sinkHost() && t.opened)).toBe(true)
    expect(proxy.tunnels).toEqual([])
  })

  it('asks for remote evaluation through the proxy too', async () => {
    vi.stubEnv('HTTP_PROXY', other.url)
    const { analytics, errors } = client()
    expect(await analytics.getFeatureFlag('remote', 'user-1')).toBe(true)
    expect(errors).toEqual([])
    expect(flagRequests('POST')).toHaveLength(1)
    expect(other.tunnels.map((t) => t.target)).toContain(sinkHost())
  })

  it('polls straight from the host NO_PROXY covers', async () => {
    vi.stubEnv('HTTP_PROXY', other.url)
    vi.stubEnv('HTTPS_PROXY', other.url)
    vi.stubEnv('no_proxy', '127.0.0.1')
    const { analytics, errors } = client({ personalApiKey: PERSONAL })
    expect(await analytics.getFeatureFlag('simple-on', 'user-1', { onlyEvaluateLocally: true })).toBe(true)
    expect(errors).toEqual([])
    expect(flagRequests('GET')).toHaveLength(1)
    expect(other.tunnels).toEqual([])
  })

  it('polls and evaluates through the proxy option, with its credentials, whatever the environment says', async () => {
    vi.stubEnv('HTTP_PROXY', other.url)
    const { analytics, errors } = client({ personalApiKey: PERSONAL, proxy: `http://flags-user:hunter5@127.0.0.1:${proxy.port}` })
    expect(await analytics.getFeatureFlag('simple-on', 'user-1', { onlyEvaluateLocally: true })).toBe(true)
    expect(await analytics.getFeatureFlag('remote', 'user-1')).toBe(true)
    expect(errors).toEqual([])
    expect(flagRequests('GET')).toHaveLength(1)
    expect(flagRequests('POST')).toHaveLength(1)
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(proxy.tunnels.every((t) => t.target === sinkHost() && t.opened)).toBe(true)
    expect(other.tunnels).toEqual([])
  })

  it("a flag source passed as `flags` uses the client's proxy as well", async () => {
    const flags = posthog({
      apiKey: API_KEY,
      host: sink.urlFor('posthog'),
      personalApiKey: PERSONAL,
      featureFlagsPollingIntervalMs: 60_000,
    }).flags!
    const analytics = new Analytics({ destination: posthog({ apiKey: API_KEY, host: sink.urlFor('posthog') }), flags, proxy: other.url })
    open.push(analytics)
    expect(await analytics.getFeatureFlag('simple-on', 'user-1', { onlyEvaluateLocally: true })).toBe(true)
    expect(other.tunnels.length).toBeGreaterThan(0)
  })
})
