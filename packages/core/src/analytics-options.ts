import type { Destination } from './destination.js'
import type { DestinationSet } from './destination-set.js'
import type { Transport } from './delivery/http-transport.js'
import type { FlagSource } from './flag-client/flag-source.js'
import type { SpoolOption } from './spool/resolve-spool.js'
import type { PipelineSettings } from './delivery/settings.js'

/** Options of `new Analytics()`. Every delivery setting applies to each destination separately. */
export interface AnalyticsOptions extends Partial<PipelineSettings> {
  /** Where messages go: an adapter such as `rudderstack({...})`, or several via `multiplex([...])`. Required. */
  destination: Destination | DestinationSet
  /**
   * Where feature flags come from, e.g. `localFlags({ file })`. Default: the first destination
   * that provides flags (PostHog), else none.
   */
  flags?: FlagSource
  /**
   * Keep queued messages durable across crashes: each message is appended to a log before the
   * call returns, removed once the vendor acknowledged it, and replayed on the next start.
   */
  spool?: SpoolOption
  /**
   * Serialize messages after the call instead of inside it. Default `false`: each call validates,
   * serializes (a snapshot of your objects) and queues before it returns, and a message over a
   * vendor's size limit throws. With `true`, a call only validates and records the message (about
   * 1 µs); routing, serialization and the size check run in a microtask once your synchronous code
   * yields, so **do not mutate objects you passed** (properties, traits, context, integrations) until then, and
   * an oversized message is reported by an `error` event (and counted dropped, reason `too-large`)
   * instead of thrown. `flush()`, `close()` and `report()` first process what is pending. Ignored
   * with a `spool`, where a message must be durable before the call returns.
   */
  deferEncoding?: boolean
  /**
   * Replaces the default transport (undici on Node, the runtime's `fetch` on Bun, Deno, Workers and
   * edge runtimes), e.g. `() => createFetchTransport()`. Called once per destination.
   */
  transport?: (destination: Destination, settings: PipelineSettings) => Transport
}

/** Options of `close()`. */
export interface CloseOptions {
  /** Longest wait in ms before in-flight requests are aborted and the rest reported pending. Default 30,000. */
  timeout?: number
}

/** Default `close()` timeout, in ms. */
export const DEFAULT_CLOSE_TIMEOUT = 30_000
