import { optionNames, segmentFamilyHints } from '@polytrack/core/adapter'

/** Options of {@link rudderstack}. */
export interface RudderStackOptions {
  /** The source's write key (Basic auth user name). Required. */
  writeKey: string
  /** Your data plane URL, e.g. `https://yourcompany.dataplane.rudderstack.com`. Required. */
  dataPlaneUrl: string
  /** Gzip request bodies, as RudderStack's SDK does. Default `true`. */
  gzip?: boolean
  /** Allow a plain `http://` data plane that is not loopback. Default `false`. */
  allowInsecureHttp?: boolean
}

/**
 * RudderStack's limits: 32 KB per event and 4 MB per request at its server; RudderStack's own SDKs
 * count in binary units (analytics-go: 32,768 per message, a hard limit of 4,194,304). Batches are
 * kept to 450 KiB like rudder-sdk-node's (analytics-go: 512,000), far under the server's 4 MB, so a
 * request stays small to retry.
 */
export const RUDDERSTACK_LIMITS = {
  messageBytes: 32 * 1024,
  batchBytes: 450 * 1024,
  batchMessages: 1000,
  envelopeBytes: 128,
  itemOverheadBytes: 40,
} as const

/** rudder-sdk-node's defaults: flush at 20 messages or every 10 s. */
export const RUDDERSTACK_DEFAULTS = { flushAt: 20, flushIntervalMs: 10_000 } as const

/** Every option {@link rudderstack} takes (others are refused). */
export const RUDDERSTACK_OPTIONS = optionNames<RudderStackOptions>({
  writeKey: 'option',
  dataPlaneUrl: 'option',
  gzip: 'option',
  allowInsecureHttp: 'option',
})

/** RudderStack analytics-go's and rudder-sdk-node's names for rudderstack()'s options, over the hints every adapter shares. */
export const RUDDERSTACK_HINTS = segmentFamilyHints('dataPlaneUrl', 'did you mean `dataPlaneUrl`?', {
  host: 'did you mean `dataPlaneUrl`?',
  dataPlane: 'did you mean `dataPlaneUrl`?',
  DisableGzip: 'did you mean `gzip: false`?',
  disableCompression: 'did you mean `gzip: false`?',
})
