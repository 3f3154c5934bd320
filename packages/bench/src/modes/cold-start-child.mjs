/**
 * One cold start, in a fresh process: the time to import the client's packages, then to create the
 * client and make the first `track` call, then to deliver that event (flush). BENCH_COLD_CLIENT names
 * the client; BENCH_SINK_URL is the sink. Prints one JSON line. Timings start at the first line of
 * this module (the Node process itself and this file's own loading are the same for every client).
 */
const t0 = performance.now()
const sinkUrl = process.env.BENCH_SINK_URL
const event = { userId: 'cold-user', event: 'Cold Start', properties: { plan: 'pro', total: 9.99 } }

/**
 * A Polytrack client: `@polytrack/core` and `adapterPackage` imported (the part measured as import),
 * then `new Analytics` with the adapter's destination and any `options` taken from core.
 */
function polytrack(adapterPackage, destination, options = () => ({})) {
  return {
    load: async () => [await import('@polytrack/core'), await import(adapterPackage)],
    create: ([core, adapter]) => new core.Analytics({ destination: destination(adapter), ...options(core) }),
    track: (client) => client.track(event),
    flush: (client) => client.flush(),
  }
}

const CLIENTS = {
  'polytrack (core + segment)': polytrack('@polytrack/segment', (adapter) =>
    adapter.segment({ writeKey: 'wk_cold', host: `${sinkUrl}/segment` }),
  ),
  'polytrack (core + segment), fetch transport': polytrack(
    '@polytrack/segment',
    (adapter) => adapter.segment({ writeKey: 'wk_cold', host: `${sinkUrl}/segment` }),
    (core) => ({ transport: () => core.createFetchTransport() }),
  ),
  'polytrack (core + posthog)': polytrack('@polytrack/posthog', (adapter) =>
    adapter.posthog({ apiKey: 'phc_cold', host: `${sinkUrl}/posthog` }),
  ),
  'posthog-node': {
    load: async () => [await import('posthog-node')],
    create: ([mod]) => new mod.PostHog('phc_cold', { host: `${sinkUrl}/posthog`, featureFlagsPollingInterval: null }),
    track: (client) => client.capture({ distinctId: event.userId, event: event.event, properties: event.properties }),
    flush: (client) => client.flush(),
  },
  '@segment/analytics-node': {
    load: async () => [await import('@segment/analytics-node')],
    create: ([mod]) => new mod.Analytics({ writeKey: 'wk_cold', host: sinkUrl, path: '/segment/v1/batch' }),
    track: (client) => client.track(event),
    // analytics-node has no flush(); closeAndFlush() is its way to deliver before returning.
    flush: (client) => client.closeAndFlush({ timeout: 10_000 }),
  },
}

const spec = CLIENTS[process.env.BENCH_COLD_CLIENT]
if (spec === undefined) throw new Error(`unknown client ${process.env.BENCH_COLD_CLIENT}`)
const modules = await spec.load()
const t1 = performance.now()
const client = spec.create(modules)
spec.track(client)
const t2 = performance.now()
await spec.flush(client)
const t3 = performance.now()
process.stdout.write(
  `\n${JSON.stringify({ ok: true, importMs: t1 - t0, firstTrackMs: t2 - t1, coldStartMs: t2 - t0, flushMs: t3 - t2 })}\n`,
)
// Whatever the client keeps open, the measurement is done.
process.exit(0)
