import { RENAMED_SETTINGS } from './renamed-options.js'

/**
 * Hints for option names known from other SDKs (the vendors' Go and Node SDKs): lower-cased name →
 * the text shown after an unknown option, e.g. `did you mean \`host\`, or \`region: 'eu'\`?`. Looked
 * up case-insensitively, so `Endpoint`, `endpoint` and `ENDPOINT` share one entry.
 */
export type OptionHints = Readonly<Record<string, string>>

/** A hint table from `name → hint` entries, names lower-cased (later entries win). Pure. */
export function optionHints(...tables: Readonly<Record<string, string>>[]): OptionHints {
  const out: Record<string, string> = {}
  for (const table of tables) for (const [name, hint] of Object.entries(table)) out[name.toLowerCase()] = hint
  return Object.freeze(out)
}

const mean = (name: string) => `did you mean \`${name}\`?`

/** The Go and Node SDKs' names for the delivery settings, and the settings' deprecated names. */
const SETTING_SYNONYMS: Readonly<Record<string, string>> = {
  // messages per request
  BatchSize: 'flushAt',
  maxBatchSize: 'flushAt',
  maxEventsInBatch: 'flushAt',
  flushQueueSize: 'flushAt',
  flush_at: 'flushAt',
  // flush interval
  Interval: 'flushIntervalMs',
  flush_interval: 'flushIntervalMs',
  flushIntervalMillis: 'flushIntervalMs',
  // queue
  maxInternalQueueSize: 'maxQueueSize',
  max_queue_size: 'maxQueueSize',
  // retries
  retryCount: 'maxRetries',
  flushMaxRetries: 'maxRetries',
  max_retries: 'maxRetries',
  retries: 'maxRetries',
  // timeouts
  timeout: 'httpTimeoutMs',
  requestTimeout: 'httpTimeoutMs',
  timeoutMs: 'httpTimeoutMs',
  BatchUploadTimeout: 'httpTimeoutMs',
  // concurrency
  maxConcurrentRequests: 'maxInFlight',
  ...RENAMED_SETTINGS,
}

/** Hints for a delivery setting under another SDK's name (a multiplex child's `settings`). */
export const SETTINGS_HINTS: OptionHints = optionHints(
  Object.fromEntries(Object.entries(SETTING_SYNONYMS).map(([name, setting]) => [name, mean(setting)])),
  { RetryAfter: 'backoff is `retryBaseDelayMs` doubled at each retry, with jitter, up to `retryMaxDelayMs`' },
)

const ADAPTER_OPTION = 'it is an option of the adapter'

/** Hints for `new Analytics({...})`: the Go and Node SDKs' client options, and adapter options given to the client. */
export const CLIENT_HINTS: OptionHints = optionHints(SETTINGS_HINTS, {
  Verbose: "use `logLevel: 'debug'` (and `logger`, any object with debug/info/warn/error)",
  debug: "use `logLevel: 'debug'` (and `logger`, any object with debug/info/warn/error)",
  DefaultContext: mean('context'),
  Callback: "listen for events instead: `analytics.on('delivered', …)`, `analytics.on('error', …)`",
  errorHandler: "listen for events instead: `analytics.on('error', …)`",
  onError: "listen for events instead: `analytics.on('error', …)`",
  NoProxySupport:
    "not needed: Polytrack never asks the data plane for /cluster-info nor sends RS-targetNode headers (what analytics-go's NoProxySupport turns off); for HTTP proxies see `proxy`",
  httpAgent: 'use `proxy`, or `transport` for a custom HTTP stack',
  httpsAgent: 'use `proxy`, or `transport` for a custom HTTP stack',
  agent: 'use `proxy`, or `transport` for a custom HTTP stack',
  ShutdownTimeout: 'pass it to `close({ timeoutMs })`',
  Endpoint: `${ADAPTER_OPTION}: e.g. \`customerio({ writeKey, region: 'eu' })\`, \`posthog({ apiKey, host })\`, \`rudderstack({ writeKey, dataPlaneUrl })\``,
  host: `${ADAPTER_OPTION}: e.g. \`posthog({ apiKey, host })\``,
  dataPlaneUrl: `${ADAPTER_OPTION}: \`rudderstack({ writeKey, dataPlaneUrl })\``,
  region: `${ADAPTER_OPTION}: e.g. \`customerio({ writeKey, region: 'eu' })\``,
  writeKey: `keys are options of the adapter: \`new Analytics({ destination: segment({ writeKey }) })\``,
  apiKey: `keys are options of the adapter: \`new Analytics({ destination: posthog({ apiKey }) })\``,
  SecretKey: `${ADAPTER_OPTION}: \`posthog({ apiKey, personalApiKey })\``,
  PersonalApiKey: `${ADAPTER_OPTION}: \`posthog({ apiKey, personalApiKey })\``,
  gzip: `${ADAPTER_OPTION}: e.g. \`rudderstack({ writeKey, dataPlaneUrl, gzip: false })\``,
  DisableGzip: `${ADAPTER_OPTION}: e.g. \`rudderstack({ writeKey, dataPlaneUrl, gzip: false })\``,
  disableCompression: `${ADAPTER_OPTION}: e.g. \`posthog({ apiKey, gzip: false })\``,
  HistoricalMigration: `${ADAPTER_OPTION}: \`posthog({ apiKey, historicalMigration: true })\``,
  MaxMessageBytes: "each adapter holds its vendor's limits (docs/configuration.md, Vendor limits)",
  MaxBatchBytes: "each adapter holds its vendor's limits (docs/configuration.md, Vendor limits)",
})

/** The client's option names, for {@link ADAPTER_HINTS}. */
const CLIENT_OPTION_NAMES = [
  'flushAt',
  'flushIntervalMs',
  'maxQueueSize',
  'maxRetries',
  'httpTimeoutMs',
  'maxInFlight',
  'retryBaseDelayMs',
  'retryMaxDelayMs',
  'context',
  'logger',
  'logLevel',
  'proxy',
  'transport',
  'spool',
  'flags',
  'deferEncoding',
] as const

const CLIENT_OPTION = 'an option of `new Analytics({ destination, ... })`, not of the adapter'

/**
 * Hints every adapter factory shares: the client's options (and the Go and Node SDKs' names for
 * them) given to an adapter, e.g. `customerio({ writeKey, BatchSize: 50 })` → "in Polytrack it is
 * `flushAt`, an option of `new Analytics(...)`". An adapter adds its own table over it.
 */
export const ADAPTER_HINTS: OptionHints = optionHints(
  Object.fromEntries(CLIENT_OPTION_NAMES.map((name) => [name, `\`${name}\` is ${CLIENT_OPTION}`])),
  Object.fromEntries(
    Object.entries(SETTING_SYNONYMS).map(([name, setting]) => [name, `in Polytrack it is \`${setting}\`, ${CLIENT_OPTION}`]),
  ),
  {
    Verbose: `in Polytrack it is \`logLevel: 'debug'\` with a \`logger\`, ${CLIENT_OPTION}`,
    Logger: `\`logger\` is ${CLIENT_OPTION}`,
    DefaultContext: `in Polytrack it is \`context\`, ${CLIENT_OPTION}`,
    Callback: "listen for events on the client instead: `analytics.on('delivered' | 'error', …)`",
    errorHandler: "listen for events on the client instead: `analytics.on('error', …)`",
    NoProxySupport:
      "not needed: Polytrack never asks the data plane for /cluster-info nor sends RS-targetNode headers (what analytics-go's NoProxySupport turns off); for HTTP proxies see `proxy`",
    RetryAfter: `backoff is set by \`retryBaseDelayMs\` and \`retryMaxDelayMs\`, ${CLIENT_OPTION}`,
    MaxMessageBytes: "the adapter holds its vendor's limits (docs/configuration.md, Vendor limits)",
    MaxBatchBytes: "the adapter holds its vendor's limits (docs/configuration.md, Vendor limits)",
  },
)

/**
 * Hints a Segment-protocol adapter (Segment, Hightouch, Customer.io, RudderStack) shares: the
 * client's options ({@link ADAPTER_HINTS}), the Go SDKs' `Endpoint` and the Node SDKs' `host`/`path`
 * pointing to `hostOption` (`host`, or `dataPlaneUrl`) with `hostHint`, and `apiKey` → `writeKey`.
 * The adapter adds its own table over it.
 */
export function segmentFamilyHints(hostOption: string, hostHint: string, own: Readonly<Record<string, string>> = {}): OptionHints {
  return optionHints(
    ADAPTER_HINTS,
    {
      Endpoint: hostHint,
      url: hostHint,
      apiHost: hostHint,
      path: `the path is fixed (\`/v1/batch\`); did you mean \`${hostOption}\`?`,
      apiKey: 'did you mean `writeKey`?',
    },
    own,
  )
}
