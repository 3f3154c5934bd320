import type { Destination } from './destination.js'
import type { DestinationSet } from './destination-set.js'
import type { Transport } from './delivery/http-transport.js'
import type { PipelineSettings } from './delivery/settings.js'

/** Options of `new Analytics()`. Every delivery setting applies to each destination separately. */
export interface AnalyticsOptions extends Partial<PipelineSettings> {
  /** Where messages go: an adapter such as `rudderstack({...})`, or several via `multiplex([...])`. Required. */
  destination: Destination | DestinationSet
  /** Replaces the undici transport (tests, custom HTTP stacks). Called once per destination. */
  transport?: (destination: Destination, settings: PipelineSettings) => Transport
}

/** Options of `close()`. */
export interface CloseOptions {
  /** Longest wait in ms before in-flight requests are aborted and the rest reported pending. Default 30,000. */
  timeout?: number
}

/** Default `close()` timeout, in ms. */
export const DEFAULT_CLOSE_TIMEOUT = 30_000
