// Runs posthog-node and @rudderstack/rudder-sdk-node (this package's pinned devDependencies) against
// the local sink for each case of feature-cases.mjs and writes what they sent to
// fixtures/posthog-features.json and fixtures/rudderstack-features.json.
// Run: node packages/parity/src/capture-features.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startSink } from '@polytrack/sink'
import { PostHog } from 'posthog-node'
import { FEATURE_FLAG_DEFINITIONS, POSTHOG_FEATURE_CASES, RUDDERSTACK_FEATURE_CASES } from './feature-cases.mjs'

const PROJECT_KEY = 'phc_parity_project_key'
const versionOf = (pkg) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../node_modules/${pkg}/package.json`, import.meta.url)), 'utf8')).version

/** The one request and one message `vendor` got, as a fixture case (headers that vary by machine left out). */
function recorded(sink, vendor, name) {
  const ingest = sink.requests({ vendor, kind: 'ingest' })
  const messages = sink.messages({ vendor })
  if (ingest.length !== 1 || messages.length !== 1)
    throw new Error(`${name}: expected one request with one message, got ${ingest.length} / ${messages.length}`)
  const [request] = ingest
  const headers = { ...request.headers }
  for (const h of [
    'host',
    'content-length',
    'connection',
    'accept',
    'accept-encoding',
    'accept-language',
    'sec-fetch-mode',
    'authorization',
  ])
    delete headers[h]
  return {
    request: { method: request.method, path: request.path.replace(`/${vendor}`, ''), headers, gzip: request.gzip, envelope: request.body },
    item: messages[0].payload,
    flagRequests: sink.requests({ vendor, kind: 'flags' }).map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`),
  }
}

function write(vendor, sdk, cases) {
  const path = fileURLToPath(new URL(`../fixtures/${vendor}-features.json`, import.meta.url))
  writeFileSync(
    path,
    `${JSON.stringify({ vendor, sdk: { name: sdk, version: versionOf(sdk) }, capturedAt: new Date().toISOString(), cases }, null, 2)}\n`,
  )
  console.log(`wrote ${path} (${Object.keys(cases).length} cases)`)
}

async function capturePostHog(sink, testCase) {
  sink.reset()
  const client = new PostHog(PROJECT_KEY, {
    host: sink.urlFor('posthog'),
    flushAt: 1,
    flushInterval: 0,
    featureFlagsPollingInterval: 60_000,
    ...testCase.client,
  })
  try {
    if (testCase.client.personalApiKey) await client.waitForLocalEvaluationReady(10_000)
    await testCase.official(client)
    await client.flush()
  } finally {
    await client.shutdown(10_000)
  }
  return recorded(sink, 'posthog', testCase.name)
}

async function captureRudderStack(sink, testCase) {
  sink.reset()
  const mod = await import('@rudderstack/rudder-sdk-node')
  const Analytics = mod.default?.default ?? mod.default ?? mod
  const client = new Analytics('parity-write-key', {
    dataPlaneUrl: sink.urlFor('rudderstack'),
    flushAt: 1,
    flushInterval: 50,
    logLevel: 'error',
  })
  testCase.official(client)
  // Its first message starts a flush of its own; wait until the sink has it.
  for (const deadline = Date.now() + 10_000; sink.messages({ vendor: 'rudderstack' }).length === 0;) {
    if (Date.now() > deadline) throw new Error(`${testCase.name}: rudder-sdk-node sent nothing`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await client.flush()
  return recorded(sink, 'rudderstack', testCase.name)
}

async function main() {
  const sink = await startSink({ port: 0, flags: { definitions: FEATURE_FLAG_DEFINITIONS } })
  try {
    const posthog = {}
    for (const testCase of POSTHOG_FEATURE_CASES) posthog[testCase.name] = await capturePostHog(sink, testCase)
    write('posthog', 'posthog-node', posthog)
    const rudderstack = {}
    for (const testCase of RUDDERSTACK_FEATURE_CASES) rudderstack[testCase.name] = await captureRudderStack(sink, testCase)
    write('rudderstack', '@rudderstack/rudder-sdk-node', rudderstack)
  } finally {
    await sink.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
