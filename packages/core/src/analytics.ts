import { inspect } from 'node:util'
import { systemClock } from './delivery/clock.js'
import { createHttpTransport } from './delivery/http-transport.js'
import { DeliveryPipeline, type EmitFn, type EncodedMessage } from './delivery/delivery-pipeline.js'
import { buildReport, type DeliveryReport } from './delivery/delivery-report.js'
import { resolveSettings, type PipelineSettings } from './delivery/settings.js'
import { membersOf, type DestinationMember } from './destination-set.js'
import { resolveSpool } from './spool/resolve-spool.js'
import type { LaneListener, Spool } from './spool/spool-types.js'
import { FlagClient, type FlagCallOptions, type FlagsAndPayloads } from './flag-client/flag-client.js'
import type { FlagAnswer, FlagValue } from './flag-client/flag-source.js'
import { ConfigError, PolytrackError, type ValidationError } from './errors.js'
import type { AnalyticsEvents } from './events/event-types.js'
import { describeThrown } from './events/describe-thrown.js'
import { TypedEmitter } from './events/typed-emitter.js'
import { LIBRARY } from './library-info.js'
import { DEFAULT_CLOSE_TIMEOUT, type AnalyticsOptions, type CloseOptions } from './analytics-options.js'
import type {
  AliasParams,
  GroupParams,
  IdentifyParams,
  PageParams,
  ParamsByType,
  ScreenParams,
  TrackParams,
} from './spec/call-params.js'
import { createCallMessage, type MessageFactoryEnv } from './spec/create-message.js'
import type { Message, MessageType } from './spec/message.js'
import { isRoutedTo } from './routing/integrations-routing.js'
import { CallEncodeContext } from './routing/call-encode-context.js'
import { encodeForLane, planDelivery, type Lane } from './routing/plan-delivery.js'

/**
 * The client. The six calls validate and queue synchronously and return nothing; delivery
 * happens in the background, one independent pipeline per destination, reported through
 * events and the report that `close()` resolves with.
 *
 * @example
 * const analytics = new Analytics({ destination: rudderstack({ writeKey, dataPlaneUrl }) })
 * analytics.track({ userId: 'u1', event: 'Order Completed', properties: { total: 9.99 } })
 * await analytics.close()
 */
export class Analytics extends TypedEmitter<AnalyticsEvents> {
  private readonly lanes: Lane[]
  private readonly pipelines: DeliveryPipeline[]
  private readonly flagClient: FlagClient
  /** How calls become messages: `context.library` names this package; arrays are bounded by the largest message any destination takes. */
  private readonly messageEnv: MessageFactoryEnv
  private readonly spool: Spool | undefined
  private closePromise: Promise<DeliveryReport> | undefined
  private readonly warned = new Set<string>()
  /** `deferEncoding` in effect (never with a spool). */
  private readonly deferEncoding: boolean
  /** Calls recorded but not yet routed and encoded (`deferEncoding`), oldest first. */
  private deferred: DeferredCall[] = []
  private deferScheduled = false
  private draining = false
  /** Most calls kept unencoded (the largest `maxQueueSize`): a longer synchronous burst is processed in the call. */
  private readonly deferLimit: number

  constructor(options: AnalyticsOptions) {
    super()
    if (options === null || typeof options !== 'object') throw new ConfigError('options', 'must be an object')
    if (options.deferEncoding !== undefined && typeof options.deferEncoding !== 'boolean') {
      throw new ConfigError('deferEncoding', `must be a boolean, got ${typeof options.deferEncoding}`)
    }
    if (!options.destination) {
      throw new ConfigError('destination', 'is required: pass an adapter such as rudderstack({ writeKey, dataPlaneUrl }), or multiplex([...])')
    }
    const emit = this.emitFromPipeline.bind(this)
    const hasListener = (event: keyof AnalyticsEvents) => this.listenerCount(event) > 0
    const members = membersOf(options.destination)
    this.messageEnv = { library: LIBRARY, maxMessageBytes: Math.max(...members.map((m) => m.destination.limits.messageBytes)) }
    const settingsByMember = members.map((member) => resolveSettings({ ...options, ...member.settings }, member.destination))
    // Last, because it may take a lock: every option above is already valid.
    this.spool = resolveSpool(options.spool)
    try {
      this.lanes = this.createLanes(members, settingsByMember, options, emit, hasListener)
    } catch (error) {
      void this.spool?.close().catch(() => undefined)
      throw error
    }
    this.pipelines = this.lanes.map((lane) => lane.pipeline)
    this.deferEncoding = options.deferEncoding === true && this.spool === undefined
    this.deferLimit = Math.max(...settingsByMember.map((s) => s.maxQueueSize))
    const provider = options.flags ? undefined : this.lanes.find((lane) => lane.member.destination.flags)
    const source = options.flags ?? provider?.member.destination.flags
    const reportError = (error: PolytrackError) => this.emitFromPipeline('error', { error, messageIds: [] })
    this.flagClient = new FlagClient(source, reportError)
    source?.attach(
      {
        reportError,
        capture: (params, target) => {
          try {
            this.enqueue('track', params, target?.destination)
          } catch (error) {
            if (error instanceof PolytrackError) reportError(error)
          }
        },
      },
      provider?.member.name,
    )
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
    this.drainDeferred()
    await holdProcessOpen(Promise.all(this.pipelines.map((p) => p.flush())))
  }

  /**
   * Resolves once every destination can take more messages: at once when it can; else, without a
   * spool, once its queue has drained to half of `maxQueueSize`, and with a spool, once the spool
   * has room again. For a producer loop that must not outrun delivery (see docs/delivery.md,
   * "Sending many messages from a loop"). Resolves at once after `close()`. Never rejects.
   */
  waitForRoom(): Promise<void> {
    this.drainDeferred()
    const waits = this.pipelines.filter((p) => !p.hasRoom()).map((p) => p.waitForRoom())
    if (waits.length === 0) return Promise.resolve()
    return holdProcessOpen(Promise.all(waits)).then(() => undefined)
  }

  /** Can every destination take another message now (see {@link Analytics.waitForRoom})? */
  hasRoom(): boolean {
    return this.pipelines.every((p) => p.hasRoom())
  }

  /**
   * Stops accepting messages, sends everything queued and waits until all is delivered or
   * failed, or until `timeout` ms have passed; then aborts what is in flight, releases every
   * socket and timer, and resolves with the delivery report. A second call returns the same promise.
   */
  close(options: CloseOptions = {}): Promise<DeliveryReport> {
    if (this.closePromise === undefined) this.drainDeferred()
    this.closePromise ??= holdProcessOpen(this.closeOnce(options.timeout ?? DEFAULT_CLOSE_TIMEOUT))
    return this.closePromise
  }

  /**
   * A flag's value for a person: `true`/`false`, a variant key, or `undefined` when it cannot be
   * decided (unknown flag, no flag source, server unreachable…). Never rejects.
   */
  async getFeatureFlag(key: string, distinctId: string, options?: FlagCallOptions): Promise<FlagValue | undefined> {
    return (await this.flagClient.getFlag(key, distinctId, options))?.value
  }

  /**
   * A flag's full answer: value, payload, where it came from (`local`/`remote`) and the
   * evaluator's reason. `undefined` when there is no flag source or the arguments are invalid.
   * Never rejects. (Used by `@polytrack/openfeature`.)
   */
  async getFeatureFlagResult(key: string, distinctId: string, options?: FlagCallOptions): Promise<FlagAnswer | undefined> {
    return this.flagClient.getFlag(key, distinctId, options)
  }

  /** Whether a flag is on (any variant counts as on); `undefined` when it cannot be decided. Never rejects. */
  async isFeatureEnabled(key: string, distinctId: string, options?: FlagCallOptions): Promise<boolean | undefined> {
    const value = await this.getFeatureFlag(key, distinctId, options)
    return value === undefined ? undefined : value !== false
  }

  /** The payload attached to the person's value of a flag, or `undefined`. Never rejects. */
  async getFeatureFlagPayload(key: string, distinctId: string, options?: FlagCallOptions): Promise<unknown> {
    return (await this.flagClient.getFlag(key, distinctId, options, false))?.payload
  }

  /** Every flag that can be decided for a person, by key. Never rejects. */
  async getAllFlags(distinctId: string, options?: FlagCallOptions): Promise<Record<string, FlagValue>> {
    return (await this.flagClient.getAllFlagsAndPayloads(distinctId, options)).featureFlags
  }

  /** Every flag that can be decided for a person, and their payloads. Never rejects. */
  async getAllFlagsAndPayloads(distinctId: string, options?: FlagCallOptions): Promise<FlagsAndPayloads> {
    return this.flagClient.getAllFlagsAndPayloads(distinctId, options)
  }

  /** Fetches or re-reads the flag definitions now. Never rejects. */
  async reloadFeatureFlags(): Promise<void> {
    await this.flagClient.reload()
  }

  /** Counts so far, per destination and in total. */
  report(): DeliveryReport {
    this.drainDeferred()
    return buildReport(Object.fromEntries(this.pipelines.map((p) => [p.name, p.snapshot()])), false)
  }

  /** What `console.log(analytics)` shows: destination names and state, never keys. */
  [inspect.custom](): string {
    return `Analytics { destinations: [${this.lanes.map((l) => `'${l.member.name}'`).join(', ')}], closed: ${this.closePromise !== undefined} }`
  }

  /** What `JSON.stringify(analytics)` gives: destination names and state, never keys. */
  toJSON(): { destinations: string[]; closed: boolean } {
    return { destinations: this.lanes.map((l) => l.member.name), closed: this.closePromise !== undefined }
  }

  private createLanes(
    members: DestinationMember[],
    settingsByMember: PipelineSettings[],
    options: AnalyticsOptions,
    emit: EmitFn,
    hasListener: (event: keyof AnalyticsEvents) => boolean,
  ): Lane[] {
    return members.map((member, i) => {
      const { destination } = member
      const settings = settingsByMember[i] as PipelineSettings
      const transport = options.transport
        ? options.transport(destination, settings)
        : createHttpTransport({ connections: settings.maxInFlight })
      const spool = this.spool
      const openLane = spool ? (listener: LaneListener) => spool.openLane(member.name, listener) : undefined
      return {
        member,
        pipeline: new DeliveryPipeline(member.name, destination, settings, { transport, clock: systemClock, emit, hasListener, ...(openLane ? { openLane } : {}) }),
        target: { name: member.name, kind: destination.kind, integrationNames: destination.integrationNames ?? [] },
      }
    })
  }

  private enqueue<T extends MessageType>(type: T, params: ParamsByType[T], onlyDestination?: string): void {
    const { message, timestampGiven } = createCallMessage(type, params, this.messageEnv)
    if (this.closePromise) {
      for (const pipeline of this.pipelines) pipeline.drop([message.messageId], 'closed')
      this.emitFromPipeline('error', {
        error: new PolytrackError('closed', `${type} called after close(): message ${message.messageId} was not sent`),
        messageIds: [message.messageId],
      })
      return
    }
    const callTime = timestampGiven ? new Date().toISOString() : message.timestamp
    if (this.deferEncoding) {
      this.deferred.push({ message, onlyDestination, callTime, timestampGiven })
      // A synchronous burst longer than any queue could hold: process it now, as without deferral
      // (memory stays bounded, and what the queues cannot take is dropped and counted).
      if (this.deferred.length >= this.deferLimit) this.drainDeferred()
      else if (!this.deferScheduled) {
        this.deferScheduled = true
        queueMicrotask(() => this.drainDeferred())
      }
      return
    }
    this.dispatch(message, onlyDestination, new CallEncodeContext(callTime, timestampGiven), true)
  }

  /**
   * Routes, encodes and queues the calls `deferEncoding` recorded, in call order, including calls made
   * meanwhile (by an event listener). Re-entrant calls (a listener calling `report()`, `flush()` or
   * `close()`) return at once and leave the work to the drain in progress. Never throws.
   */
  private drainDeferred(): void {
    this.deferScheduled = false
    if (this.draining) return
    this.draining = true
    try {
      while (this.deferred.length > 0) {
        const calls = this.deferred
        this.deferred = []
        for (const call of calls) this.dispatchDeferred(call)
      }
    } finally {
      this.draining = false
    }
  }

  /** One deferred call; whatever goes wrong (even in an event listener) is reported, never thrown. */
  private dispatchDeferred(call: DeferredCall): void {
    try {
      this.dispatch(call.message, call.onlyDestination, new CallEncodeContext(call.callTime, call.timestampGiven), false)
    } catch (error) {
      // Not expected (dispatch reports refusals itself; this is, e.g., a listener that threw).
      try {
        const wrapped = error instanceof PolytrackError ? error : new PolytrackError('internal', `could not queue message ${call.message.messageId}: ${describeThrown(error)}`, { cause: error })
        this.emitFromPipeline('error', { error: wrapped, messageIds: [call.message.messageId] })
      } catch {
        // The error listener itself threw: nothing more can be said without risking the host.
      }
    }
  }

  /**
   * Routes one message (integrations map, middleware), encodes it for each destination and queues
   * it. `inCall`: the caller is still waiting, so a message every destination refuses (over its size
   * limit) throws; otherwise (deferred) each refusal is reported and counted dropped.
   */
  private dispatch(message: Message, onlyDestination: string | undefined, context: CallEncodeContext, inCall: boolean): void {
    const lanes = onlyDestination === undefined ? this.lanes : this.lanes.filter((lane) => lane.member.name === onlyDestination)
    const only = lanes.length === 1 ? (lanes[0] as Lane) : undefined
    if (only !== undefined && only.member.middleware.length === 0) {
      // One destination, no middleware (the common case): no plan to build.
      if (!isRoutedTo(message.integrations, only.target)) {
        only.pipeline.drop([message.messageId], 'filtered')
        return
      }
      let encoded: EncodedMessage
      try {
        encoded = encodeForLane(only, message, context)
      } catch (error) {
        if (inCall) throw error
        this.refuse(only, message, error as ValidationError)
        return
      }
      only.pipeline.accept(encoded)
      return
    }
    const plan = planDelivery(message, lanes, context)
    const [firstRefusal] = plan.refused
    // Refused by every destination that would take it: the call fails and nothing is counted.
    if (inCall && firstRefusal && plan.accepted.length === 0) throw firstRefusal.error
    for (const { lane, encoded } of plan.accepted) lane.pipeline.accept(encoded)
    for (const lane of plan.filtered) lane.pipeline.drop([message.messageId], 'filtered')
    for (const { lane, error } of plan.refused) this.refuse(lane, message, error)
    for (const { lane, error } of plan.middlewareErrors) {
      lane.pipeline.drop([message.messageId], 'middleware-error')
      const wrapped = new PolytrackError('middleware_error', `middleware of ${lane.member.name} threw on message ${message.messageId}: ${describeThrown(error)}`, { cause: error })
      this.emitFromPipeline('error', { destination: lane.member.name, error: wrapped, messageIds: [message.messageId] })
    }
  }

  /** A destination refused a message (over its size limit): counted dropped and reported. */
  private refuse(lane: Lane, message: Message, error: ValidationError): void {
    lane.pipeline.drop([message.messageId], 'too-large')
    this.emitFromPipeline('error', { destination: lane.member.name, error, messageIds: [message.messageId] })
  }

  private async closeOnce(timeout: number): Promise<DeliveryReport> {
    for (const pipeline of this.pipelines) pipeline.startClosing()
    const flagsClosed = this.flagClient.close()
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, timeout))
    })
    const outcome = await Promise.race([Promise.all(this.pipelines.map((p) => p.flush())), deadline])
    await Promise.race([flagsClosed, deadline])
    clearTimeout(timer)
    const timedOut = outcome === 'timeout'
    // After a timeout, or with a destination paused by an outage (its backlog is in the spool):
    // stop what is still in flight or probing.
    await Promise.all(this.pipelines.map((p) => p.abort()))
    await Promise.all(this.pipelines.map((p) => p.release()))
    await this.spool?.close()
    return buildReport(Object.fromEntries(this.pipelines.map((p) => [p.name, p.snapshot()])), timedOut)
  }

  private emitFromPipeline<K extends keyof AnalyticsEvents>(event: K, payload: AnalyticsEvents[K]): void {
    if (this.emit(event, payload) || event !== 'error') return
    // Nobody listens for errors: say so once per destination and code, never silently.
    const { error, destination } = payload as AnalyticsEvents['error']
    const key = `${destination ?? ''}:${error.code}`
    if (this.warned.has(key)) return
    this.warned.add(key)
    process.emitWarning(`${error.message} (listen for 'error' events to handle this; further warnings of this kind are not shown)`, {
      code: 'POLYTRACK_DELIVERY',
    })
  }
}

/** A call recorded by `deferEncoding`: its validated message and what encoding needs of the call. */
interface DeferredCall {
  message: Message
  onlyDestination: string | undefined
  callTime: string
  timestampGiven: boolean
}

/** Keeps the event loop alive while `work` runs (retry timers are unref()ed). */
async function holdProcessOpen<T>(work: Promise<T>): Promise<T> {
  const hold = setInterval(() => undefined, 1 << 30)
  try {
    return await work
  } finally {
    clearInterval(hold)
  }
}
