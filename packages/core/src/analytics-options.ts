import type { Destination } from './destination.js'
import type { DestinationSet } from './destination-set.js'
import type { Transport } from './delivery/http-transport.js'
import type { ProxyOption } from './delivery/proxy-setting.js'
import type { Logger, LogLevel } from './client/logger-option.js'
import type { FlagSource } from './flag-client/flag-source.js'
import type { SpoolOption } from './spool/resolve-spool.js'
import type { InputObject } from './spec/call-params.js'
import type { DeliverySettings, PipelineSettings } from './delivery/settings.js'
import { optionNames, type OptionKinds } from './config/known-keys.js'

/** Options of `new Analytics()`. Every delivery setting applies to each destination separately. */
export interface AnalyticsOptions extends DeliverySettings {
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
  /**
   * The proxy for every request (delivery and flags). Default: the environment's `HTTPS_PROXY`,
   * `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms), read when the client is created. A URL
   * such as `'http://user:password@proxy.corp:3128'` sends every request through that proxy;
   * `false` ignores the environment. Credentials never appear in errors, events or logs. Not with
   * `transport` (pass `proxy` to `createHttpTransport` there). See {@link ProxyOption}.
   */
  proxy?: ProxyOption
  /**
   * Where the client logs what happens in the background: any object with `debug`, `info`, `warn`
   * and `error` (`console`, pino, winston; see {@link Logger}). Each request and delivered batch
   * is logged at `debug`, a resumed destination at `info`, a retry or a pause at `warn`, an error
   * or a lost message at `error`. Keys and proxy credentials never appear. Default: none, and an
   * `error` nobody listens to becomes one process warning per reason.
   */
  logger?: Logger
  /**
   * The most verbose level given to `logger`: `'debug'`, `'info'` (default), `'warn'`, `'error'` or
   * `'silent'` (nothing, not even the process warnings). Given without `logger`, the client logs to
   * `console`.
   */
  logLevel?: LogLevel
  /**
   * Context every call carries (the Go SDKs' `DefaultContext`), e.g. `{ app: { name: 'shop',
   * version: '1.4.2' } }`: deep-merged under each call's `context`, the call's values winning (objects
   * are merged key by key; anything else the call gives replaces the default). Validated like a
   * call's context (JSON-safe values). Default none.
   */
  context?: InputObject
}

/** Options of `close()`. */
export interface CloseOptions {
  /** Longest wait in ms before in-flight requests are aborted and the rest reported pending. Default 30,000. */
  timeoutMs?: number
  /** @deprecated Use `timeoutMs` (same value). Removed in the next release. */
  timeout?: number
}

/** Default `close()` timeout, in ms. */
export const DEFAULT_CLOSE_TIMEOUT = 30_000

/**
 * Every option of {@link AnalyticsOptions}, current or deprecated (the type makes this list
 * complete: a new option that is not added here does not compile).
 */
const ANALYTICS_OPTION_KINDS: OptionKinds<AnalyticsOptions> = {
  destination: 'option',
  flushAt: 'option',
  flushIntervalMs: 'option',
  maxQueueSize: 'option',
  maxRetries: 'option',
  httpTimeoutMs: 'option',
  maxInFlight: 'option',
  retryBaseDelayMs: 'option',
  retryMaxDelayMs: 'option',
  flags: 'option',
  spool: 'option',
  deferEncoding: 'option',
  transport: 'option',
  proxy: 'option',
  logger: 'option',
  logLevel: 'option',
  context: 'option',
  flushInterval: 'deprecated',
  httpTimeout: 'deprecated',
  retryBaseDelay: 'deprecated',
  retryMaxDelay: 'deprecated',
}

/** The options `new Analytics()` takes (anything else is a `ConfigError`). */
export const ANALYTICS_OPTION_NAMES = optionNames(ANALYTICS_OPTION_KINDS)

/** Deprecated names `new Analytics()` still takes, for one release. */
export const DEPRECATED_ANALYTICS_OPTION_NAMES = optionNames(ANALYTICS_OPTION_KINDS, 'deprecated')

/** The options `close()` takes. */
export const CLOSE_OPTION_NAMES = optionNames<CloseOptions>({ timeoutMs: 'option', timeout: 'deprecated' })
