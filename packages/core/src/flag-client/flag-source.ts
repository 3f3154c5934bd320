import type { PolytrackError } from '../errors.js'
import type { FlagReason } from '../flags/evaluation-types.js'
import type { TrackParams } from '../spec/call-params.js'
import type { ExchangeOptions, ExchangeRequest, ExchangeResult } from '../delivery/exchange.js'

/** A flag's value: off, on, or the key of a variant. */
export type FlagValue = boolean | string

/** Who to evaluate for, and how (the options posthog-node users pass). */
export interface FlagQuery {
  distinctId: string
  /** Known person properties, for property filters. */
  personProperties?: Record<string, unknown>
  /** Group type → group key, e.g. `{ company: 'acme' }`. */
  groups?: Record<string, string>
  /** Group type → known group properties. */
  groupProperties?: Record<string, Record<string, unknown>>
  /** `true`: never ask a server (what cannot be decided locally is `undefined`); `false`: may ask, overriding a source's default. */
  onlyEvaluateLocally?: boolean
  /** `false` when the caller reads only a payload: the source sends no "flag called" event. Default `true`. */
  sendEvents?: boolean
}

/** One flag's answer. */
export interface FlagAnswer {
  /** `undefined` when it could not be decided (unknown flag, needs a server that could not answer…). */
  value: FlagValue | undefined
  /** The payload of that value, parsed as JSON when possible. */
  payload?: unknown
  /** Where the answer came from. */
  source: 'local' | 'remote' | 'none'
  /** The evaluator's reason for a local answer. */
  reason?: FlagReason
  /** The flag's id and version, when known (for `$feature_flag_called` and OpenFeature metadata). */
  metadata?: { id?: number; version?: number }
}

/** What a flag source may ask of the client it is attached to. */
export interface FlagSourceHost {
  /** Reports a background problem as an `error` event. Never throws. */
  reportError(error: PolytrackError): void
  /** Sends a track event through the client, to `destination` only when given (e.g. `$feature_flag_called`). */
  capture(params: TrackParams, options?: { destination?: string }): void
  /**
   * One HTTP exchange through the client's HTTP layer (its proxy, sockets, timeouts and bounded
   * reads): the transport of the destination providing the source, or one of its own. A flag source
   * makes no request any other way. Never rejects.
   */
  exchange(request: ExchangeRequest, options: ExchangeOptions): Promise<ExchangeResult>
}

/**
 * Supplies flag values: local evaluation of definitions, a remote service, or both.
 * Methods never reject: failures become `undefined` values and `error` events.
 */
export interface FlagSource {
  /** Called once by the client that uses it, with the name of the destination providing it (if any). */
  attach(host: FlagSourceHost, destination?: string): void
  /** Evaluates one flag for the subject of `query`. */
  getFlag(key: string, query: FlagQuery): Promise<FlagAnswer>
  /** Evaluates every flag for the subject of `query`. */
  getAllFlags(query: FlagQuery): Promise<Record<string, FlagAnswer>>
  /** Fetches or re-reads definitions now. */
  reload(): Promise<void>
  /** Stops timers and watchers, releases sockets. */
  close(): Promise<void>
}
