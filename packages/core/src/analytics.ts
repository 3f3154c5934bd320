import type { AnalyticsOptions, CloseOptions } from './analytics-options.js'
import { readClientOptions, readCloseTimeout } from './client/client-options.js'
import { closeLanes } from './client/close-lanes.js'
import { DeferredCalls, type DeferredCall } from './client/deferred-calls.js'
import { Dispatcher } from './client/dispatcher.js'
import { connectFlags, type ConnectedFlags } from './client/connect-flags.js'
import { emitOrWarn, logsEvent } from './client/emit-or-warn.js'
import { resolveLogging } from './client/logger-option.js'
import { FlagCalls } from './client/flag-calls.js'
import { holdProcessOpen } from './client/hold-process-open.js'
import { assembleLanes, releaseLanes } from './client/lane-assembly.js'
import type { DeliveryPipeline } from './delivery/delivery-pipeline.js'
import { buildReport, type DeliveryReport } from './delivery/delivery-report.js'
import { PolytrackError } from './errors.js'
import type { FlagClient } from './flag-client/flag-client.js'
import { LIBRARY } from './library-info.js'
import { CallEncodeContext } from './routing/call-encode-context.js'
import type { Lane } from './routing/plan-delivery.js'
import type { AliasParams, GroupParams, IdentifyParams, PageParams, ParamsByType, ScreenParams, TrackParams } from './spec/call-params.js'
import { createCallMessage, type MessageFactoryEnv } from './spec/create-message.js'
import { defaultContext } from './client/default-context.js'
import type { MessageType } from './spec/message.js'
import type { Spool } from './spool/spool-types.js'
import { platform } from './platform/current-platform.js'
import { INSPECT_CUSTOM } from './platform/inspect-custom.js'

/**
 * The client. The six calls validate and queue synchronously and return nothing; delivery
 * happens in the background, one independent pipeline per destination, reported through
 * events and the report that `close()` resolves with. The flag calls are in {@link FlagCalls}.
 *
 * @example
 * const analytics = new Analytics({ destination: rudderstack({ writeKey, dataPlaneUrl }) })
 * analytics.track({ userId: 'u1', event: 'Order Completed', properties: { total: 9.99 } })
 * await analytics.close()
 */
export class Analytics extends FlagCalls {
  protected readonly flagClient: FlagClient
  private readonly flags: ConnectedFlags
  private readonly lanes: readonly Lane[]
  private readonly pipelines: readonly DeliveryPipeline[]
  private readonly spool: Spool | undefined
  private readonly dispatcher: Dispatcher
  /** How calls become messages: `context.library` names this package; arrays are bounded by the largest message any destination takes. */
  private readonly messageEnv: MessageFactoryEnv
  /** The calls `deferEncoding` recorded (never with a spool, where a message must be durable before the call returns). */
  private readonly deferred: DeferredCalls | undefined
  private closePromise: Promise<DeliveryReport> | undefined

  constructor(options: AnalyticsOptions) {
    super()
    const client = readClientOptions(options)
    options = client.options
    const proxy = client.proxy
    const logging = resolveLogging(options.logger, options.logLevel)
    let secrets: readonly string[] = proxy.secrets
    const emit = emitOrWarn(this, logging, () => secrets)
    const assembled = assembleLanes(options, proxy, emit, (event) => this.listenerCount(event) > 0 || logsEvent(logging, event))
    secrets = [...proxy.secrets, ...assembled.lanes.flatMap((lane) => lane.member.destination.secrets)]
    ;({ lanes: this.lanes, spool: this.spool } = assembled)
    this.pipelines = this.lanes.map((lane) => lane.pipeline)
    this.messageEnv = { library: LIBRARY, maxMessageBytes: assembled.maxMessageBytes, ...defaultContext(options.context) }
    this.dispatcher = new Dispatcher(this.lanes, emit)
    const routeLater = (call: DeferredCall) =>
      this.dispatcher.dispatch(call.message, call.onlyDestination, new CallEncodeContext(call.callTime, call.timestampGiven), false)
    this.deferred =
      options.deferEncoding === true && this.spool === undefined ? new DeferredCalls(assembled.maxQueueSize, routeLater, emit) : undefined
    const capture = (params: TrackParams, target?: { destination?: string }) => {
      try {
        this.enqueue('track', params, target?.destination)
      } catch (error) {
        if (error instanceof PolytrackError) emit('error', { error, messageIds: [] })
      }
    }
    try {
      this.flags = connectFlags(
        options.flags,
        this.lanes,
        emit,
        capture,
        () => platform.createDefaultTransport({ connections: 2, proxy }),
        proxy.secrets,
      )
    } catch (error) {
      releaseLanes(assembled)
      throw error
    }
    this.flagClient = this.flags.client
  }

  /** Records an action the user performed. Throws `ValidationError` on bad input. */
  track(params: TrackParams): void {
    this.enqueue('track', params)
  }

  /** Ties a user to their traits. Throws `ValidationError` on bad input. */
  identify(params: IdentifyParams): void {
    this.enqueue('identify', params)
  }

  /** Records a page view. Throws `ValidationError` on bad input. */
  page(params: PageParams): void {
    this.enqueue('page', params)
  }

  /** Records a mobile screen view. Throws `ValidationError` on bad input. */
  screen(params: ScreenParams): void {
    this.enqueue('screen', params)
  }

  /** Ties a user to a group (company, team…). Throws `ValidationError` on bad input. */
  group(params: GroupParams): void {
    this.enqueue('group', params)
  }

  /** Merges a previous id into a user id. Throws `ValidationError` on bad input. */
  alias(params: AliasParams): void {
    this.enqueue('alias', params)
  }

  /**
   * Resolves once every message queued before the call is delivered or failed. With a spool, also
   * once a destination is paused by an outage (its messages stay in the spool; see
   * docs/durability.md). After `close()`, resolves when `close()` does. Never rejects.
   */
  async flush(): Promise<void> {
    if (this.closePromise) {
      await this.closePromise
      return
    }
    this.deferred?.drain()
    await holdProcessOpen(Promise.all(this.pipelines.map((p) => p.flush())))
  }

  /**
   * Resolves once every destination can take more messages: at once when it can; else, without a
   * spool, once its queue has drained to half of `maxQueueSize`, and with a spool, once the spool
   * has room again. For a producer loop that must not outrun delivery (see docs/delivery.md,
   * "Sending many messages from a loop"). Resolves at once after `close()`. Never rejects.
   */
  async waitForRoom(): Promise<void> {
    this.deferred?.drain()
    const waits = this.pipelines.filter((p) => !p.hasRoom()).map((p) => p.waitForRoom())
    if (waits.length > 0) await holdProcessOpen(Promise.all(waits))
  }

  /** Can every destination take another message now (see {@link Analytics.waitForRoom})? */
  hasRoom(): boolean {
    return this.pipelines.every((p) => p.hasRoom())
  }

  /**
   * Stops accepting messages, sends everything queued and waits until all is delivered or
   * failed, or until `timeoutMs` have passed; then aborts what is in flight, releases every
   * socket and timer, and resolves with the delivery report. A second call returns the same
   * promise. Throws a `ConfigError` (synchronously) for an unknown option or a bad `timeoutMs`.
   */
  close(options: CloseOptions = {}): Promise<DeliveryReport> {
    const timeoutMs = readCloseTimeout(options)
    if (this.closePromise === undefined) {
      this.deferred?.drain()
      this.closePromise = holdProcessOpen(closeLanes(this.pipelines, this.flags.close(), this.spool, timeoutMs))
    }
    return this.closePromise
  }

  /** Counts so far, per destination and in total. */
  report(): DeliveryReport {
    this.deferred?.drain()
    return buildReport(Object.fromEntries(this.pipelines.map((p) => [p.name, p.snapshot()])), false)
  }

  /** What `console.log(analytics)` shows: destination names and state, never keys. */
  [INSPECT_CUSTOM](): string {
    return `Analytics { destinations: [${this.lanes.map((l) => `'${l.member.name}'`).join(', ')}], closed: ${this.closePromise !== undefined} }`
  }

  /** What `JSON.stringify(analytics)` gives: destination names and state, never keys. */
  toJSON(): { destinations: string[]; closed: boolean } {
    return { destinations: this.lanes.map((l) => l.member.name), closed: this.closePromise !== undefined }
  }

  private enqueue<T extends MessageType>(type: T, params: ParamsByType[T], onlyDestination?: string): void {
    const { message, timestampGiven } = createCallMessage(type, params, this.messageEnv)
    if (this.closePromise) {
      this.dispatcher.refuseClosed(message)
      return
    }
    const callTime = timestampGiven ? new Date().toISOString() : message.timestamp
    if (this.deferred) this.deferred.push({ message, onlyDestination, callTime, timestampGiven })
    else this.dispatcher.dispatch(message, onlyDestination, new CallEncodeContext(callTime, timestampGiven), true)
  }
}
