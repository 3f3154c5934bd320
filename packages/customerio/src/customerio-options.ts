import { optionNames, segmentFamilyHints } from '@polytrack/core/adapter'

/** Options of {@link customerio}. */
export interface CustomerIoOptions {
  /** The Data Pipelines source's API key (Basic auth user name). Required. */
  writeKey: string
  /** Account region, used when `host` is not set: `'us'` → `https://cdp.customer.io`, `'eu'` → `https://cdp-eu.customer.io`. Default `'us'`. */
  region?: 'us' | 'eu'
  /** Overrides the region's host (a proxy, a test server). */
  host?: string
  /**
   * Object type id added as `traits.objectTypeId` to `group()` calls whose traits carry none.
   * Unset by default: Customer.io then assumes type 1, so nothing is added (what its SDK sends).
   */
  objectTypeId?: string | number
  /** Send `X-Strict-Mode: 1`, so Customer.io answers 400/401 on validation failures instead of 200. Default `false`. */
  strictMode?: boolean
  /** Allow a plain `http://` host that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean
}

/** Customer.io Data Pipelines hosts by region. */
export const CUSTOMERIO_HOSTS = {
  us: 'https://cdp.customer.io',
  eu: 'https://cdp-eu.customer.io',
} as const

/**
 * Customer.io's limits: 32 KB per message and 500 KB per batch request (its docs), in bytes as its Go
 * SDK counts them (cdp-analytics-go: 32,000 and 500,000; the smaller reading of "KB"). No per-batch
 * message count is documented; 1,000 keeps requests modest.
 */
export const CUSTOMERIO_LIMITS = {
  messageBytes: 32_000,
  batchBytes: 500_000,
  batchMessages: 1_000,
  envelopeBytes: 32,
  itemOverheadBytes: 0,
} as const

/**
 * Customer.io's documented batching (its Go library's documentation, cdp-analytics-go): a batch is
 * sent every 20 messages or every 5 s, whichever comes first; 3 retries, as
 * @customerio/cdp-analytics-node 0.5 (whose own defaults, 15 messages / 10 s, the docs do not state).
 */
export const CUSTOMERIO_DEFAULTS = { flushAt: 20, flushIntervalMs: 5_000, maxRetries: 3 } as const

/** Every option {@link customerio} takes (others are refused). */
export const CUSTOMERIO_OPTIONS = optionNames<CustomerIoOptions>({
  writeKey: 'option',
  region: 'option',
  host: 'option',
  objectTypeId: 'option',
  strictMode: 'option',
  allowInsecureHttp: 'option',
})

/** cdp-analytics-go's and @customerio/cdp-analytics-node's names for customerio()'s options, over the hints every adapter shares. */
export const CUSTOMERIO_HINTS = segmentFamilyHints('host', "did you mean `host`, or `region: 'eu'`?", {
  apiKey: "did you mean `writeKey` (the Data Pipelines source's API key)?",
  siteId: "Data Pipelines needs only the source's API key: `writeKey`",
  objectType: 'did you mean `objectTypeId`?',
  strict: 'did you mean `strictMode`?',
})
