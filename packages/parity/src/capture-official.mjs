// Runs each official vendor SDK against the local sink for the fixed inputs (fixtures/inputs.json)
// and writes what they sent to fixtures/<vendor>.json. Run: node packages/parity/src/capture-official.mjs
// Hightouch's SDK is not on npm: its fixture is derived (see hightouch-reference.mjs).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startSink } from '@polytrack/sink'
import { loadCases } from './inputs.mjs'
import { sendPostHog } from './posthog-reference.mjs'
import { deriveHightouch } from './hightouch-reference.mjs'
import { sendAmplitude } from './amplitude-reference.mjs'
import { mixpanelCalls } from './mixpanel-reference.mjs'
import { startTlsProxy } from './tls-proxy.mjs'

const KEY = 'parity-write-key'

const versionOf = (pkg) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../node_modules/${pkg}/package.json`, import.meta.url)), 'utf8')).version

async function waitFor(sink, vendor, count) {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (sink.messages({ vendor }).length >= count) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`${vendor}: timed out waiting for message ${count}`)
}

const ID_FIELDS = ['userId', 'anonymousId', 'previousId', 'groupId']

/** The same params with numeric ids as strings. */
function stringIds(p) {
  const out = { ...p }
  for (const f of ID_FIELDS) if (typeof out[f] === 'number') out[f] = String(out[f])
  return out
}

/** Cases whose numeric ids the SDK refused (it throws), captured again with string ids. */
const adjusted = {}

async function runSegmentFamily(sink, vendor, client, cases) {
  // The Segment-family SDKs take the same params as Polytrack (userId, event, properties, ...).
  let count = 0
  for (const c of cases) {
    try {
      client[c.call](c.params)
    } catch (error) {
      if (!ID_FIELDS.some((f) => typeof c.params[f] === 'number')) throw error
      ;(adjusted[vendor] ??= {})[c.name] = `the SDK throws on numeric ids (${error.message}); captured with String(id)`
      client[c.call](stringIds(c.params))
    }
    count += 1
    await waitFor(sink, vendor, count)
  }
}

function collect(sink, vendor, cases, sdk) {
  const messages = sink.messages({ vendor })
  const requests = sink.requests({ vendor })
  const out = { vendor, sdk, capturedAt: new Date().toISOString(), cases: {} }
  cases.forEach((c, i) => {
    const message = messages[i]
    const request = requests.find((r) => r.id === message.requestId)
    const headers = { ...request.headers }
    for (const h of ['host', 'content-length', 'connection', 'accept', 'accept-encoding', 'accept-language', 'sec-fetch-mode'])
      delete headers[h]
    out.cases[c.name] = {
      request: {
        method: request.method,
        path: request.path.replace(`/${vendor}`, ''),
        headers,
        gzip: request.gzip,
        envelope: request.body,
      },
      item: message.payload,
    }
    if (adjusted[vendor]?.[c.name]) out.cases[c.name].note = adjusted[vendor][c.name]
    if (request.messageCount !== 1) throw new Error(`${vendor}/${c.name}: expected one message per request`)
  })
  return out
}

function write(vendor, data) {
  const path = fileURLToPath(new URL(`../fixtures/${vendor}.json`, import.meta.url))
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`)
  console.log(`wrote ${path} (${Object.keys(data.cases).length} cases)`)
}

/** Runs each case's Mixpanel calls and writes fixtures/mixpanel.json: per case, every request with its item. */
async function captureMixpanel(sink, client, cases) {
  const out = {
    vendor: 'mixpanel',
    sdk: { name: 'mixpanel', version: versionOf('mixpanel') },
    capturedAt: new Date().toISOString(),
    cases: {},
  }
  for (const c of cases) {
    const before = sink.requests({ vendor: 'mixpanel' }).length
    const time = c.params.timestamp ?? new Date()
    const messageId = c.params.messageId ?? `gen${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
    for (const [, run] of mixpanelCalls(client, c.call, c.params, { time, messageId })) await run()
    const requests = sink.requests({ vendor: 'mixpanel' }).slice(before)
    out.cases[c.name] = {
      requests: requests.map((request) => {
        const message = sink.messages({ vendor: 'mixpanel' }).find((m) => m.requestId === request.id)
        if (request.status !== 200 || message === undefined)
          throw new Error(`mixpanel/${c.name}: ${request.path} answered ${request.status}`)
        const headers = { ...request.headers }
        for (const h of ['host', 'content-length', 'connection']) delete headers[h]
        return {
          method: request.method,
          path: request.path.replace('/mixpanel', ''),
          headers,
          envelope: request.body,
          item: message.payload,
        }
      }),
    }
  }
  write('mixpanel', out)
}

async function main() {
  const cases = loadCases()
  const sink = await startSink({ port: 0 })
  try {
    // Segment and Customer.io resolve `path` against `host` with new URL(), which drops a host's own
    // path, so the sink's vendor prefix goes into `path`.
    {
      const { Analytics } = await import('@segment/analytics-node')
      const client = new Analytics({ writeKey: KEY, host: sink.url, path: '/segment/v1/batch', flushAt: 1, flushInterval: 50 })
      await runSegmentFamily(sink, 'segment', client, cases)
      await client.closeAndFlush()
      write('segment', collect(sink, 'segment', cases, { name: '@segment/analytics-node', version: versionOf('@segment/analytics-node') }))
    }
    // Customer.io
    let cio
    {
      const { Analytics } = await import('@customerio/cdp-analytics-node')
      const client = new Analytics({ writeKey: KEY, host: sink.url, path: '/customerio/v1/batch', maxEventsInBatch: 1, flushInterval: 50 })
      await runSegmentFamily(sink, 'customerio', client, cases)
      await client.closeAndFlush()
      cio = collect(sink, 'customerio', cases, {
        name: '@customerio/cdp-analytics-node',
        version: versionOf('@customerio/cdp-analytics-node'),
      })
      write('customerio', cio)
    }
    // RudderStack
    {
      const mod = await import('@rudderstack/rudder-sdk-node')
      const Analytics = mod.default?.default ?? mod.default ?? mod
      const client = new Analytics(KEY, { dataPlaneUrl: sink.urlFor('rudderstack'), flushAt: 1, flushInterval: 50, logLevel: 'error' })
      await runSegmentFamily(sink, 'rudderstack', client, cases)
      await client.flush()
      write(
        'rudderstack',
        collect(sink, 'rudderstack', cases, { name: '@rudderstack/rudder-sdk-node', version: versionOf('@rudderstack/rudder-sdk-node') }),
      )
    }
    // PostHog
    {
      const { PostHog } = await import('posthog-node')
      const client = new PostHog('phc_parity_project_key', { host: sink.urlFor('posthog'), flushAt: 1, flushInterval: 0 })
      let count = 0
      for (const c of cases) {
        sendPostHog(client, c.call, c.params)
        await client.flush()
        count += 1
        await waitFor(sink, 'posthog', count)
      }
      await client.shutdown()
      write('posthog', collect(sink, 'posthog', cases, { name: 'posthog-node', version: versionOf('posthog-node') }))
    }
    // Hightouch: derived from the Customer.io capture (same Segment-fork lineage) + its documented shape.
    write('hightouch', deriveHightouch(cio))
    // Amplitude: one request per input (flushQueueSize 1); minIdLength 1 so that the numeric-id inputs are sent as they are.
    {
      const amp = await import('@amplitude/analytics-node')
      const client = amp.createInstance()
      await client.init('parity-amplitude-key', {
        serverUrl: `${sink.urlFor('amplitude')}/2/httpapi`,
        flushQueueSize: 1,
        flushIntervalMillis: 10,
        minIdLength: 1,
        logLevel: 0,
      }).promise
      let count = 0
      for (const c of cases) {
        await sendAmplitude(client, amp, c.call, c.params)
        count += 1
        await waitFor(sink, 'amplitude', count)
      }
      await client.flush().promise
      write(
        'amplitude',
        collect(sink, 'amplitude', cases, { name: '@amplitude/analytics-node', version: versionOf('@amplitude/analytics-node') }),
      )
    }
    // Mixpanel: import() for events (GET /import with the API secret; https only, hence the TLS front),
    // people.set() and groups.set() for profiles. A case may make two requests (identify with both ids).
    {
      const Mixpanel = (await import('mixpanel')).default
      const proxy = await startTlsProxy(sink.url)
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
      try {
        const client = Mixpanel.init('parity-mixpanel-token', {
          host: '127.0.0.1',
          port: proxy.port,
          protocol: 'https',
          path: '/mixpanel',
          secret: 'parity-mixpanel-secret',
          keepAlive: false,
        })
        await captureMixpanel(sink, client, cases)
      } finally {
        delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
        await proxy.close()
      }
    }
  } finally {
    await sink.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
