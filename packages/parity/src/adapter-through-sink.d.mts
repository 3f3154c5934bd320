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
}

/** Registers the shared integration tests (vitest) for one adapter. */
export function describeThroughSink(spec: ThroughSinkSpec): void
