import {
  evaluationLimitError,
  PolytrackError,
  type FlagAnswer,
  type FlagQuery,
  type FlagSource,
  type FlagSourceHost,
  type FlagValue,
} from '@polytrack/core/adapter'
import { evaluateAllFlags, evaluateFlag, type FlagDefinition, type FlagDefinitions, type FlagEvaluation } from '@polytrack/core/flags'
import { DefinitionsPoller } from './definitions-poller.js'
import { FlagCalledCache, flagCalledProperties, type FlagCall } from './flag-called-events.js'
import type { FlagRequestError } from './flag-request-error.js'
import type { PostHogFlagSettings } from './flag-settings.js'
import { fetchRemoteFlags, type RemoteFlag } from './remote-flags.js'
import type { FlagExchange } from './flag-http.js'
import { setOwn } from './own-record.js'

/** posthog-node's `$feature_flag_reason` for a locally evaluated flag. */
const LOCAL_REASON = 'Evaluated locally'

/** Flag definitions by key (last one wins, as in the evaluator), cached per definitions object. */
const byKeyCache = new WeakMap<FlagDefinitions, Map<string, FlagDefinition>>()
function definitionOf(definitions: FlagDefinitions, key: string): FlagDefinition | undefined {
  let map = byKeyCache.get(definitions)
  if (!map) {
    map = new Map()
    for (const flag of definitions.flags) if (flag && typeof flag.key === 'string') map.set(flag.key, flag)
    byKeyCache.set(definitions, map)
  }
  return map.get(key)
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function booleanOf(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined
}

function metadataOf(id: number | undefined, version: number | undefined): { metadata?: FlagAnswer['metadata'] } {
  if (id === undefined && version === undefined) return {}
  return { metadata: { ...(id === undefined ? {} : { id }), ...(version === undefined ? {} : { version }) } }
}

function localAnswer(evaluation: FlagEvaluation, flag: FlagDefinition | undefined): FlagAnswer {
  const raw = flag as (FlagDefinition & { version?: unknown }) | undefined
  return {
    value: evaluation.value,
    ...(evaluation.payload === undefined ? {} : { payload: evaluation.payload }),
    source: evaluation.value === undefined ? 'none' : 'local',
    reason: evaluation.reason,
    ...metadataOf(numberOf(raw?.id), numberOf(raw?.version)),
  }
}

function remoteAnswer(flag: RemoteFlag): FlagAnswer {
  return {
    value: flag.value,
    ...(flag.payload === undefined ? {} : { payload: flag.payload }),
    source: 'remote',
    ...metadataOf(flag.id, flag.version),
  }
}

/**
 * PostHog's feature flags as a core {@link FlagSource}, behaving as posthog-node 5.70.
 *
 * With a personal (or secret) API key, definitions are polled (by its `DefinitionsPoller`) and
 * flags evaluated locally with `@polytrack/core/flags`; a flag that cannot be decided locally
 * (unknown, inconclusive) is asked of `POST /flags/?v=2`, unless `onlyEvaluateLocally`; one whose
 * local evaluation passed the evaluator's work bound is also reported (`flags_evaluation_limit`). Without a
 * personal key every call asks the server. `getAllFlags` asks the server once, for the flags left
 * undecided (all flags when no definitions are loaded). A failed request gives `undefined` and an
 * `error` event; nothing rejects.
 *
 * `getFlag` sends `$feature_flag_called` through the client the first time each
 * (distinct id, flag, value, groups) is seen, to the destination it was attached with only.
 */
export class PostHogFlagSource implements FlagSource {
  private host: FlagSourceHost | undefined
  private destination: string | undefined
  private readonly controller = new AbortController()
  private readonly poller: DefinitionsPoller | undefined
  private readonly calls: FlagCalledCache
  private closed = false
  private reportedClosed = false

  constructor(private readonly settings: PostHogFlagSettings) {
    this.calls = new FlagCalledCache(settings.flagCalledCacheSize)
    const { personalApiKey } = settings
    this.poller =
      personalApiKey === undefined
        ? undefined
        : new DefinitionsPoller({ ...settings, personalApiKey }, this.controller.signal, (error) => this.report(error), this.exchange)
  }

  /** Requests go through the client's HTTP layer once attached (none are made before). */
  private readonly exchange: FlagExchange = async (request, options) =>
    this.host === undefined
      ? { kind: 'failure', failure: 'network', message: 'the flag source is not attached to a client' }
      : this.host.exchange(request, options)

  /** Whether definitions are polled for local evaluation (a personal API key was given). */
  get localEvaluation(): boolean {
    return this.poller !== undefined
  }

  /** Starts the first definitions load (not awaited) and polling. */
  attach(host: FlagSourceHost, destination?: string): void {
    this.host = host
    this.destination = destination
    if (!this.closed) this.poller?.start()
  }

  /** Evaluates one flag locally, asking `/flags` for what cannot be decided (unless local-only). */
  async getFlag(key: string, query: FlagQuery): Promise<FlagAnswer> {
    const onlyLocal = query.onlyEvaluateLocally ?? this.settings.strictLocalEvaluation
    let local: FlagAnswer | undefined
    const call: FlagCall = { key, distinctId: query.distinctId, value: undefined, groups: query.groups, locallyEvaluated: false }
    if (this.poller) {
      await this.poller.ready()
      const definitions = this.poller.definitions
      const flag = definitionOf(definitions, key)
      const evaluation = evaluateFlag(key, query, definitions)
      this.reportLimit([evaluation])
      local = localAnswer(evaluation, flag)
      if (local.value !== undefined) {
        Object.assign(call, {
          value: local.value,
          locallyEvaluated: true,
          id: numberOf(flag?.id),
          reason: LOCAL_REASON,
          hasExperiment: booleanOf((flag as { has_experiment?: unknown } | undefined)?.has_experiment),
          evaluatedAt: Date.now(),
          definitionsLoadedAt: this.poller.definitionsLoadedAt,
        } satisfies Partial<FlagCall>)
        if (query.sendEvents !== false) this.flagCalled(call)
        return local
      }
    }
    let answer: FlagAnswer = local ?? { value: undefined, source: 'none' }
    if (!onlyLocal && this.usable()) {
      const result = await fetchRemoteFlags(
        query,
        [key],
        this.settings,
        this.controller.signal,
        (error) => this.report(error),
        this.exchange,
      )
      if (result.ok) {
        const flag = result.flags[key]
        const errors = [...result.errors]
        if (flag) {
          answer = remoteAnswer(flag)
          Object.assign(call, {
            value: flag.value,
            id: flag.id,
            version: flag.version,
            reason: flag.reason,
            hasExperiment: flag.hasExperiment,
          })
        } else {
          errors.push('flag_missing')
        }
        Object.assign(call, {
          requestId: result.requestId,
          evaluatedAt: result.evaluatedAt,
          error: errors.length > 0 ? errors.join(',') : undefined,
        })
      } else {
        call.error = result.error
      }
    }
    if (query.sendEvents !== false) this.flagCalled(call)
    return answer
  }

  /** Evaluates every flag locally and asks `/flags` once for those left undecided (unless local-only). */
  async getAllFlags(query: FlagQuery): Promise<Record<string, FlagAnswer>> {
    const onlyLocal = query.onlyEvaluateLocally ?? this.settings.strictLocalEvaluation
    const answers: Record<string, FlagAnswer> = {}
    let askFor: string[] | undefined
    if (this.poller) {
      await this.poller.ready()
      const definitions = this.poller.definitions
      const evaluations = evaluateAllFlags(query, definitions)
      this.reportLimit(Object.values(evaluations))
      for (const [key, evaluation] of Object.entries(evaluations)) {
        setOwn(answers, key, localAnswer(evaluation, definitionOf(definitions, key)))
      }
      const undecided = Object.keys(answers).filter((key) => answers[key]?.value === undefined)
      // With no definitions at all (not loaded, quota limited, empty project) the server is asked for everything.
      askFor = definitions.flags.length === 0 ? undefined : undecided
    }
    if (onlyLocal || (askFor !== undefined && askFor.length === 0) || !this.usable()) return answers
    const result = await fetchRemoteFlags(
      query,
      askFor,
      this.settings,
      this.controller.signal,
      (error) => this.report(error),
      this.exchange,
    )
    if (!result.ok) return answers
    for (const [key, flag] of Object.entries(result.flags)) {
      if (answers[key]?.value !== undefined) continue
      if (askFor !== undefined && !askFor.includes(key)) continue
      setOwn(answers, key, remoteAnswer(flag))
    }
    return answers
  }

  /**
   * The flag values of a person (and their `groups`) from the definitions already loaded, evaluated
   * now, without any request: what posthog-node's `capture({ sendFeatureFlags })` adds with local
   * evaluation. Flags that cannot be decided locally are left out; `undefined` when no definitions
   * are loaded (no personal key, not attached to a client, or before the first load). Synchronous;
   * never throws (a local evaluation that passed the work bound is reported, and left out).
   */
  localFlagValues(distinctId: string, groups?: Record<string, string>): Record<string, FlagValue> | undefined {
    const definitions = this.poller?.definitions
    if (definitions === undefined || definitions.flags.length === 0) return undefined
    try {
      const evaluations = evaluateAllFlags({ distinctId, ...(groups === undefined ? {} : { groups }) }, definitions)
      this.reportLimit(Object.values(evaluations))
      const values: Record<string, FlagValue> = {}
      for (const [key, evaluation] of Object.entries(evaluations)) {
        if (evaluation.value !== undefined)
          Object.defineProperty(values, key, { value: evaluation.value, enumerable: true, writable: true, configurable: true })
      }
      return values
    } catch {
      return undefined
    }
  }

  /** Fetches the definitions now (remote-only: nothing to do). */
  async reload(): Promise<void> {
    await this.poller?.load()
  }

  /** Stops polling and aborts requests in flight; later calls evaluate locally only. */
  async close(): Promise<void> {
    this.closed = true
    this.poller?.stop()
    this.controller.abort()
  }

  /** False once closed (reported once when a call would have needed the server). */
  private usable(): boolean {
    if (!this.closed) return true
    if (!this.reportedClosed) {
      this.reportedClosed = true
      this.host?.reportError(
        new PolytrackError('flags_closed', 'the PostHog flag source is closed: flags that need the server are undefined'),
      )
    }
    return false
  }

  private flagCalled(call: FlagCall): void {
    if (!this.settings.sendFeatureFlagEvent || !this.host || this.closed) return
    if (!this.calls.firstTime(call)) return
    const params = { userId: call.distinctId, event: '$feature_flag_called', properties: flagCalledProperties(call) }
    this.host.capture(params, this.destination === undefined ? undefined : { destination: this.destination })
  }

  /** Announces local evaluations stopped by the evaluator's work bound (they fall back to the server). */
  private reportLimit(evaluations: FlagEvaluation[]): void {
    const error = evaluationLimitError(evaluations)
    if (error !== undefined) this.host?.reportError(error)
  }

  private report(error: FlagRequestError): void {
    this.host?.reportError(error)
  }
}

/** Creates the PostHog flag source from resolved settings (used by `posthog()`). */
export function createPostHogFlagSource(settings: PostHogFlagSettings): PostHogFlagSource {
  return new PostHogFlagSource(settings)
}
