/**
 * The clients of the throughput tables: script (and its environment), vendors counted at the sink,
 * kind. One Polytrack client per adapter of the workspace (package.json `polytrack.adapter`), built
 * from its metadata; the official SDKs' clients are explicit. The `baseline` kind (workload only)
 * sends nothing; targets never pick it as floor, single or official.
 */
import { adapterOptions, adapterPackages, importBuiltFactory } from '@polytrack/adapter-conformance/workspace'

/** How an adapter puts messages on the wire, for the table's note: compression, and the endpoint of a multi-lane adapter. */
async function wireNote(pkg) {
  try {
    const instance = (await importBuiltFactory(pkg))(adapterOptions(pkg.adapter, { key: 'wk_bench', host: 'https://bench.example.com' }))
    const lane = instance.kind === 'set' ? instance.members[0].destination : instance
    const request = lane.buildRequest([], { sentAt: new Date(0).toISOString() })
    return `${request.gzip ? 'gzip' : 'plain JSON'}${instance.kind === 'set' ? `, ${new URL(request.url).pathname}` : ''}`
  } catch (error) {
    return `not built (${error.message})`
  }
}

const polytrack = await Promise.all(
  adapterPackages().map(async (pkg) => ({
    name: `polytrack-${pkg.dir}`,
    script: 'polytrack-adapters.mjs',
    env: { BENCH_ADAPTERS: pkg.dir },
    vendors: [pkg.adapter.vendor],
    kind: 'polytrack',
    note: await wireNote(pkg),
  })),
)

/** The multiplex scenario: four vendors at once, two of them gzip. */
const MULTIPLEXED = ['posthog', 'rudderstack', 'hightouch', 'customerio']

export const CLIENTS = [
  { name: 'workload only', script: 'workload-only.mjs', vendors: [], kind: 'baseline', note: "builds the floor's messages, sends nothing" },
  { name: 'floor', script: 'floor.mjs', vendors: ['segment'], kind: 'floor', note: 'no SDK; undici keep-alive; plain JSON' },
  ...polytrack,
  {
    name: 'polytrack-multiplex-4',
    script: 'polytrack-adapters.mjs',
    env: { BENCH_ADAPTERS: MULTIPLEXED.join(',') },
    vendors: MULTIPLEXED,
    kind: 'multiplex',
    note: '4 vendors, 2 gzip',
  },
  {
    name: '@amplitude/analytics-node',
    script: 'amplitude-analytics-node.mjs',
    vendors: ['amplitude'],
    kind: 'official',
    pkg: '@amplitude/analytics-node',
    note: 'plain JSON',
  },
  {
    name: 'mixpanel',
    script: 'mixpanel-node.mjs',
    vendors: ['mixpanel'],
    kind: 'official',
    pkg: 'mixpanel',
    note: 'form-encoded base64, /track',
  },
  { name: 'posthog-node', script: 'posthog-node.mjs', vendors: ['posthog'], kind: 'official', pkg: 'posthog-node', note: 'gzip' },
  {
    name: '@segment/analytics-node',
    script: 'segment-analytics-node.mjs',
    vendors: ['segment'],
    kind: 'official',
    pkg: '@segment/analytics-node',
    note: 'plain JSON',
  },
  {
    name: '@customerio/cdp-analytics-node',
    script: 'customerio-cdp-analytics-node.mjs',
    vendors: ['customerio'],
    kind: 'official',
    pkg: '@customerio/cdp-analytics-node',
    note: 'plain JSON',
  },
  {
    name: '@rudderstack/rudder-sdk-node',
    script: 'rudder-sdk-node.mjs',
    vendors: ['rudderstack'],
    kind: 'official',
    pkg: '@rudderstack/rudder-sdk-node',
    note: 'gzip',
  },
]
