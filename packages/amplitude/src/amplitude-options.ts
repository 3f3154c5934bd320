import { ADAPTER_HINTS, optionHints, optionNames } from '@polytrack/core/adapter'

/** Options of {@link amplitude}. */
export interface AmplitudeOptions {
  /** The project's API key, sent as `api_key` in each request body. Required. */
  apiKey: string
  /** Amplitude's data center used when `host` is not set: `'US'` (`https://api2.amplitude.com`) or `'EU'` (`https://api.eu.amplitude.com`). Default `'US'`. */
  serverZone?: 'US' | 'EU'
  /** API host (a proxy, or the sink in tests); the API path is appended. Default: by `serverZone`. */
  host?: string
  /**
   * Send to the Batch Event Upload API (`/batch`: up to 20 MB per request, higher per-user rates,
   * meant for backfills) rather than the HTTP V2 API (`/2/httpapi`), as the SDK's `useBatch`. Default `false`.
   */
  useBatch?: boolean
  /**
   * Shortest `user_id`/`device_id` Amplitude accepts. Amplitude's default is 5; a lower value is sent
   * as `options.min_id_length`. Shorter ids are refused by the call with a `ValidationError`. Default `5`.
   */
  minIdLength?: number
  /** Group type of `group()` calls that name none (per call: `integrations: { Amplitude: { groupType } }`). Default `'company'`. */
  groupType?: string
  /** Allow a plain `http://` host that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean
}

/** Every option of {@link amplitude}; anything else is a `ConfigError`. */
export const AMPLITUDE_OPTION_NAMES = optionNames<AmplitudeOptions>({
  apiKey: 'option',
  serverZone: 'option',
  host: 'option',
  useBatch: 'option',
  minIdLength: 'option',
  groupType: 'option',
  allowInsecureHttp: 'option',
})

/** @amplitude/analytics-node's names for amplitude()'s options, over the hints every adapter shares. */
export const AMPLITUDE_HINTS = optionHints(ADAPTER_HINTS, {
  serverUrl: "did you mean `host` (the API path is added), or `serverZone: 'EU'`?",
  Endpoint: "did you mean `host`, or `serverZone: 'EU'`?",
  region: "did you mean `serverZone` (`'US'` or `'EU'`)?",
  api_key: 'did you mean `apiKey`?',
  useBatchApi: 'did you mean `useBatch`?',
  min_id_length: 'did you mean `minIdLength`?',
})

/** Amplitude's API hosts by server zone (as @amplitude/analytics-node's constants). */
export const AMPLITUDE_HOSTS = {
  US: 'https://api2.amplitude.com',
  EU: 'https://api.eu.amplitude.com',
} as const

/** Amplitude's default shortest user or device id. */
export const AMPLITUDE_MIN_ID_LENGTH = 5

/**
 * HTTP V2 API limits: 2,000 events per request and requests under 1 MB (over either: 413), read as
 * 1,000,000 bytes (the smaller reading of "MB"; @amplitude/analytics-node counts no bytes and
 * halves its batch on a 413). One event is at most the request size, less the envelope.
 */
export const AMPLITUDE_LIMITS = {
  messageBytes: 1_000_000 - 512,
  batchBytes: 1_000_000,
  batchMessages: 2_000,
  envelopeBytes: 256,
  itemOverheadBytes: 0,
} as const

/**
 * Batch Event Upload API limits: 2,000 events and 20 MB per request, read as 20,000,000 bytes; an
 * event is kept to 1,000,000 bytes, as on the HTTP V2 API.
 */
export const AMPLITUDE_BATCH_LIMITS = {
  messageBytes: 1_000_000,
  batchBytes: 20_000_000,
  batchMessages: 2_000,
  envelopeBytes: 256,
  itemOverheadBytes: 0,
} as const

/**
 * @amplitude/analytics-node 1.5's defaults: flush at 200 events (`flushQueueSize`) or every 10 s,
 * 12 retries (`flushMaxRetries`), 10 s request timeout.
 */
export const AMPLITUDE_DEFAULTS = { flushAt: 200, flushIntervalMs: 10_000, maxRetries: 12, httpTimeoutMs: 10_000 } as const

/** Default group type of `group()` calls. */
export const AMPLITUDE_DEFAULT_GROUP_TYPE = 'company'
