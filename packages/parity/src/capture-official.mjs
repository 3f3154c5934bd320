// Runs each official vendor SDK against the local sink for the fixed inputs (fixtures/inputs.json)
// and writes what they sent to fixtures/<vendor>.json. Run: node packages/parity/src/capture-official.mjs
// Hightouch's SDK is not on npm: its fixture is derived (see hightouch-reference.mjs).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startSink } from '@polytrack/sink'
import { loadCases } from './inputs.mjs'
import { sendPostHog } from './posthog-reference.mjs'
import { deriveHightouch } from './hightouch-reference.mjs'

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
    for (const h of ['host', 'content-length', 'connection', 'accept', 'accept-encoding', 'accept-language', 'sec-fetch-mode']) delete headers[h]
    out.cases[c.name] = {
      request: { method: request.method, path: request.path.replace(`/${vendor}`, ''), headers, gzip: request.gzip, envelope: request.body },
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
      cio = collect(sink, 'customerio', cases, { name: '@customerio/cdp-analytics-node', version: versionOf('@customerio/cdp-analytics-node') })
      write('customerio', cio)
    }
    // RudderStack
    {
      const mod = await import('@rudderstack/rudder-sdk-node')
      const Analytics = mod.default?.default ?? mod.default ?? mod
      const client = new Analytics(KEY, { dataPlaneUrl: sink.urlFor('rudderstack'), flushAt: 1, flushInterval: 50, logLevel: 'error' })
      await runSegmentFamily(sink, 'rudderstack', client, cases)
      await client.flush()
      write('rudderstack', collect(sink, 'rudderstack', cases, { name: '@rudderstack/rudder-sdk-node', version: versionOf('@rudderstack/rudder-sdk-node') }))
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
  } finally {
    await sink.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
