import type { Destination } from '@polytrack/core'
import type { RecordedRequest, VendorName } from '@polytrack/sink'

/** What an adapter's shared integration tests need to know of it. */
export interface ThroughSinkSpec {
  vendor: VendorName
  /** Builds the adapter with this key, pointed at this base URL. */
  create(key: string, host: string): Destination
  /** The request path after the vendor prefix, e.g. `/v1/batch`. */
  path: string
  gzip: boolean
  /** Vendor-specific auth checks on each recorded request. */
  checkAuth(request: RecordedRequest): void
  /** The sink's types of the six journey messages, when the vendor's wire maps one call onto another (default: the six calls). */
  types?: readonly string[]
  /** Status the sink answers a wrong key with (default 401; Amplitude answers 400). */
  wrongKeyStatus?: number
}

/** Registers the shared integration tests (vitest) for one adapter. */
export function describeThroughSink(spec: ThroughSinkSpec): void
