import { ADAPTER_HINTS, optionHints, optionNames } from '@polytrack/core/adapter'

/** A Mixpanel service account: the recommended credentials for `/import`. */
export interface MixpanelServiceAccount {
  /** The service account's user name. */
  username: string
  /** The service account's secret (masked everywhere, like every key). */
  secret: string
  /** The project's id, sent as `project_id` in the query string. */
  projectId: string
}

/** Options of {@link mixpanel}. */
export interface MixpanelOptions {
  /** The project token: in every event (`properties.token`) and profile update (`$token`). Required. */
  token: string
  /** Service account credentials for `/import` (Basic auth and `project_id`). Preferred over `apiSecret`. */
  serviceAccount?: MixpanelServiceAccount
  /** The project's API secret for `/import` (Basic auth user name), Mixpanel's older credential. */
  apiSecret?: string
  /**
   * Where events go: `'import'` (`/import?strict=1`: authenticated, any time after 1971, per-event
   * validation errors) or `'track'` (`/track`: the token is the only credential, events of the last
   * 5 days only). Default `'import'`; without `serviceAccount` or `apiSecret`, `/import` authenticates
   * with the project token as Basic user name, as Mixpanel accepts.
   */
  endpoint?: 'import' | 'track'
  /** Data residency used when `host` is not set: `'US'` (`api.mixpanel.com`), `'EU'` (`api-eu.mixpanel.com`), `'IN'` (`api-in.mixpanel.com`). Default `'US'`. */
  region?: 'US' | 'EU' | 'IN'
  /** API host (a proxy, or the sink in tests); the endpoint paths are appended. Default: by `region`. */
  host?: string
  /** Group key (Mixpanel's group type) of `group()` calls that name none (per call: `integrations: { Mixpanel: { groupKey } }`). Default `'company'`. */
  groupKey?: string
  /** Gzip `/import` bodies (Mixpanel's other endpoints take none). Default `false`, as the official SDK. */
  gzip?: boolean
  /** Allow a plain `http://` host that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean
}

/** Every option of {@link mixpanel}; anything else is a `ConfigError`. */
export const MIXPANEL_OPTION_NAMES = optionNames<MixpanelOptions>({
  token: 'option',
  serviceAccount: 'option',
  apiSecret: 'option',
  endpoint: 'option',
  region: 'option',
  host: 'option',
  groupKey: 'option',
  gzip: 'option',
  allowInsecureHttp: 'option',
})

/** The `mixpanel` package's names for mixpanel()'s options, over the hints every adapter shares. */
export const MIXPANEL_HINTS = optionHints(ADAPTER_HINTS, {
  secret: 'did you mean `apiSecret`, or `serviceAccount: { username, secret, projectId }`?',
  api_host: "did you mean `host`, or `region: 'EU'`?",
  apiHost: "did you mean `host`, or `region: 'EU'`?",
  protocol: 'requests use https; set `host` (a full URL) for a proxy or test server',
  projectToken: 'did you mean `token`?',
  apiKey: 'did you mean `token`?',
  groupType: "did you mean `groupKey` (Mixpanel's name for a group type)?",
})

/** Mixpanel's ingestion hosts by data residency. */
export const MIXPANEL_HOSTS = {
  US: 'https://api.mixpanel.com',
  EU: 'https://api-eu.mixpanel.com',
  IN: 'https://api-in.mixpanel.com',
} as const

/**
 * Events: 2,000 per request, 10 MB uncompressed per request, under 1 MB per event (Mixpanel's
 * `/import` limits; gzip does not raise them), read as 10,000,000 and 1,000,000 bytes, the smaller
 * reading of "MB" (the official package counts no bytes).
 */
export const MIXPANEL_EVENT_LIMITS = {
  messageBytes: 1_000_000,
  batchBytes: 10_000_000,
  batchMessages: 2_000,
  envelopeBytes: 2,
  itemOverheadBytes: 0,
} as const

/**
 * Profile and group profile updates: 2,000 per request (Mixpanel's documented count); bytes kept to
 * 1 MB per request and 256 KB per update, a conservative bound (Mixpanel documents none for them).
 */
export const MIXPANEL_PROFILE_LIMITS = {
  messageBytes: 256 * 1024,
  batchBytes: 1024 * 1024,
  batchMessages: 2_000,
  envelopeBytes: 2,
  itemOverheadBytes: 0,
} as const

/**
 * Pipeline defaults: the official SDK sends each call at once and batches only in `import_batch`
 * (50 per request); Polytrack batches, so it flushes at 50 or every 10 s, with 5 retries and a 10 s timeout.
 */
export const MIXPANEL_DEFAULTS = { flushAt: 50, flushIntervalMs: 10_000, maxRetries: 5, httpTimeoutMs: 10_000 } as const

/** Default group key of `group()` calls. */
export const MIXPANEL_DEFAULT_GROUP_KEY = 'company'
