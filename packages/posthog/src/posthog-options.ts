import { ADAPTER_HINTS, optionHints, optionNames, type OptionKinds } from '@polytrack/core/adapter'

/** Options of {@link posthog}. */
export interface PostHogOptions {
  /** The project API key (`phc_…`), sent as `api_key` in each batch body. Required. */
  apiKey: string
  /**
   * Ingestion host. Default: by `region`, `https://us.i.posthog.com` (US Cloud) or
   * `https://eu.i.posthog.com` (EU Cloud); set it for self-hosted PostHog or a reverse proxy.
   */
  host?: string
  /** PostHog Cloud region used when `host` is not set. Default `'us'`. */
  region?: 'us' | 'eu'
  /**
   * A personal or project secret API key (`phx_…`/`phs_…`). With it, feature-flag definitions are
   * polled from `/flags/definitions` and flags evaluated locally (the server is asked only for what
   * cannot be decided locally); without it, every flag call asks `/flags`. Not used by event capture;
   * validated and masked (listed in `secrets`).
   */
  personalApiKey?: string
  /** Milliseconds between polls of the flag definitions (at least 100). Default `30000`, as posthog-node. */
  featureFlagsPollingIntervalMs?: number
  /** @deprecated Use `featureFlagsPollingIntervalMs` (same value). Removed in the next release. */
  featureFlagsPollingInterval?: number
  /**
   * Timeout of one definitions request, in ms; a flag call waits at most this long for the first
   * load. Default `10000` (posthog-node's `requestTimeout`).
   */
  flagDefinitionsTimeoutMs?: number
  /** Timeout of one remote evaluation request (`POST /flags/?v=2`), in ms. Default `3000`, as posthog-node. */
  featureFlagsRequestTimeoutMs?: number
  /**
   * Send a `$feature_flag_called` event (to PostHog only) the first time each person gets each
   * flag value, as posthog-node does. Default `true`.
   */
  sendFeatureFlagEvent?: boolean
  /** Distinct ids remembered to deduplicate `$feature_flag_called`, least recently used evicted. Default `50000`. */
  featureFlagCalledCacheSize?: number
  /** Never ask the server by default (as if every call passed `onlyEvaluateLocally: true`). Default `false`. */
  strictLocalEvaluation?: boolean
  /**
   * Group type of `group()` calls that name none (Segment's group call has no type; PostHog needs one).
   * Per call: `integrations: { PostHog: { groupType: 'team' } }`. Default `'company'`.
   */
  groupType?: string
  /**
   * Add the person's feature flag values to every track, page and screen event, as posthog-node's
   * `capture({ sendFeatureFlags: true })`: `$feature/<key>` for each flag and `$active_feature_flags`.
   * From local evaluation only (needs `personalApiKey`, else a `ConfigError`; no request is made for
   * it, and nothing is added before the first definitions load or for flags that cannot be decided
   * locally). Per call: `integrations: { PostHog: { sendFeatureFlags: true | false } }`. Default `false`.
   */
  sendFeatureFlags?: boolean
  /**
   * Mark every batch as a historical migration (`historical_migration: true` in the body, posthog-node's
   * and posthog-go's `historicalMigration`), for backfills: PostHog ingests it apart from live traffic.
   * Default `false`.
   */
  historicalMigration?: boolean
  /** Send `$geoip_disable: true` with every event, as posthog-node does by default. Default `true`. */
  disableGeoip?: boolean
  /** Gzip request bodies, as posthog-node does. Default `true`. */
  gzip?: boolean
  /** Allow a plain `http://` host that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean
}

const KINDS: OptionKinds<PostHogOptions> = {
  apiKey: 'option',
  host: 'option',
  region: 'option',
  personalApiKey: 'option',
  featureFlagsPollingIntervalMs: 'option',
  featureFlagsPollingInterval: 'deprecated',
  flagDefinitionsTimeoutMs: 'option',
  featureFlagsRequestTimeoutMs: 'option',
  sendFeatureFlagEvent: 'option',
  featureFlagCalledCacheSize: 'option',
  strictLocalEvaluation: 'option',
  groupType: 'option',
  sendFeatureFlags: 'option',
  historicalMigration: 'option',
  disableGeoip: 'option',
  gzip: 'option',
  allowInsecureHttp: 'option',
}

/** Every option {@link posthog} takes (others are refused). */
export const POSTHOG_OPTIONS = optionNames(KINDS)

/** Deprecated names {@link posthog} still takes, for one release. */
export const DEPRECATED_POSTHOG_OPTIONS = optionNames(KINDS, 'deprecated')

const HOST = "did you mean `host`, or `region: 'eu'`?"

/** posthog-go's and posthog-node's names for posthog()'s options, over the hints every adapter shares. */
export const POSTHOG_HINTS = optionHints(ADAPTER_HINTS, {
  Endpoint: HOST,
  api_host: HOST,
  apiHost: HOST,
  url: HOST,
  SecretKey: 'did you mean `personalApiKey` (a personal `phx_…` or project secret `phs_…` key)?',
  personal_api_key: 'did you mean `personalApiKey`?',
  projectApiKey: 'did you mean `apiKey` (the project key, `phc_…`)?',
  api_key: 'did you mean `apiKey` (the project key, `phc_…`)?',
  token: 'did you mean `apiKey` (the project key, `phc_…`)?',
  writeKey: 'did you mean `apiKey` (the project key, `phc_…`)?',
  DefaultFeatureFlagsPollingInterval: 'did you mean `featureFlagsPollingIntervalMs`?',
  pollingInterval: 'did you mean `featureFlagsPollingIntervalMs`?',
  FeatureFlagRequestTimeout: 'did you mean `featureFlagsRequestTimeoutMs`?',
  featureFlagsRequestTimeout: 'did you mean `featureFlagsRequestTimeoutMs`?',
  requestTimeout: 'did you mean `featureFlagsRequestTimeoutMs` (flags), or `httpTimeoutMs` of `new Analytics(...)` (events)?',
  disableCompression: 'did you mean `gzip: false`?',
  Compression: 'did you mean `gzip`?',
  BeforeSend: 'use a middleware: `multiplex([{ destination: posthog({...}), middleware }])`',
  before_send: 'use a middleware: `multiplex([{ destination: posthog({...}), middleware }])`',
  fetch: "requests go through the client's HTTP layer: see the `transport` and `proxy` options of `new Analytics(...)`",
})

/** PostHog Cloud ingestion hosts by region. */
export const POSTHOG_HOSTS = {
  us: 'https://us.i.posthog.com',
  eu: 'https://eu.i.posthog.com',
} as const

/** Default group type for `group()` calls. */
export const DEFAULT_GROUP_TYPE = 'company'

/**
 * PostHog's limits. Its capture service refuses an event over 1 MiB (its Kafka message limit, which
 * also holds the fields capture adds: a 413 "maximum event size exceeded") and a request over
 * 20 MiB. posthog-python keeps events to 900 KiB and batches to 5 MiB ("be conservative in case we
 * want to lower it"), and so does this adapter; posthog-go stops at 500,000 bytes for both, and
 * posthog-node counts no bytes (it halves its batch on a 413, as the core does). At most 100 events
 * per request, posthog-node's `maxBatchSize`.
 */
export const POSTHOG_LIMITS = {
  messageBytes: 900 * 1024,
  batchBytes: 5 * 1024 * 1024,
  batchMessages: 100,
  envelopeBytes: 256,
  itemOverheadBytes: 0,
} as const

/**
 * posthog-node 5.70's defaults: flush at 20 events or every 5 s, queue of 10,000, 3 retries,
 * 10 s request timeout.
 */
export const POSTHOG_DEFAULTS = {
  flushAt: 20,
  flushIntervalMs: 5_000,
  maxQueueSize: 10_000,
  maxRetries: 3,
  httpTimeoutMs: 10_000,
} as const
