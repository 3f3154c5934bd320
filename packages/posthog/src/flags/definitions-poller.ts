import type { PolytrackErrorCode } from '@polytrack/core/adapter'
import type { FlagDefinitions } from '@polytrack/core/flags'
import { FlagRequestError, maskSecrets, serverExcerpt } from './flag-request-error.js'
import { flagHttp, FlagHttpFailureError, type FlagExchange } from './flag-http.js'
import { MAX_BACKOFF_INTERVAL, MAX_DEFINITIONS_BYTES, type PostHogFlagSettings } from './flag-settings.js'

/** No flags: what the poller holds before a load and after a 402. */
/** Shortest wait between on-demand loads after a failure (polls are not affected). */
const ON_DEMAND_RETRY_DELAY = 5_000

const NO_DEFINITIONS: FlagDefinitions = Object.freeze({ flags: [], group_type_mapping: {}, cohorts: {} })

/**
 * Keeps PostHog's local-evaluation definitions fresh, as posthog-node 5.70's poller does:
 * `GET {host}/flags/definitions?token=…&send_cohorts` with `Authorization: Bearer <personal key>`
 * and `If-None-Match` once an ETag is known, every `pollingInterval` ms on an unref'd timer.
 *
 * - 200 → new definitions and ETag, back-off cleared; 304 → kept, back-off cleared.
 * - 401/403/429 → back-off: the next poll waits `min(60 s, interval · 2^n)` and flag calls do not
 *   fetch on demand until then; one error event per failure streak.
 * - 402 → quota limited: definitions cleared (every flag then needs the server), reported once.
 * - 5xx, network, timeout, unreadable body → definitions kept, retried at the next poll.
 *
 * Errors go to `report`; nothing rejects.
 */
export class DefinitionsPoller {
  private current: FlagDefinitions = NO_DEFINITIONS
  private etag: string | undefined
  private loadedOnce = false
  private loadedAt: number | undefined
  private backOffCount = 0
  private nextFetchAllowedAt = 0
  private loading: Promise<void> | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private stopped = false
  private readonly reportedCodes = new Set<string>()

  constructor(
    private readonly settings: PostHogFlagSettings & { personalApiKey: string },
    private readonly abort: AbortSignal,
    private readonly report: (error: FlagRequestError) => void,
    private readonly exchange: FlagExchange,
  ) {}

  /** The definitions to evaluate with (empty until the first successful load, and after a 402). */
  get definitions(): FlagDefinitions {
    return this.current
  }

  /** Whether a 200 or 304 has been received at least once. */
  get loaded(): boolean {
    return this.loadedOnce
  }

  /** When definitions were last received with a 200 (epoch ms). */
  get definitionsLoadedAt(): number | undefined {
    return this.loadedAt
  }

  /** Starts polling: the first load now, then every interval. */
  start(): void {
    if (this.stopped || this.loading || this.timer) return
    void this.load()
  }

  /**
   * Waits for definitions before a flag call: resolves at once when they were loaded; otherwise
   * joins the load in flight or starts one (unless backing off), as posthog-node does on demand.
   * Bounded by the definitions request timeout.
   */
  async ready(): Promise<void> {
    if (this.loadedOnce || this.stopped) return
    if (this.loading) return this.loading
    if (Date.now() < this.nextFetchAllowedAt) return
    return this.load()
  }

  /** Loads now (joining a load in flight), then polls again one interval later. */
  load(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    this.loading ??= this.fetchOnce().finally(() => {
      this.loading = undefined
      this.schedule()
    })
    return this.loading
  }

  /** Stops the timer; the caller aborts what is in flight through the shared signal. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private schedule(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.load()
    }, this.interval())
    ;(this.timer as { unref?: () => void }).unref?.() // a number on workerd, where nothing keeps the isolate alive anyway
  }

  private interval(): number {
    const base = this.settings.pollingInterval
    return this.backOffCount === 0 ? base : Math.min(MAX_BACKOFF_INTERVAL, base * 2 ** this.backOffCount)
  }

  private beginBackoff(): void {
    this.backOffCount += 1
    this.nextFetchAllowedAt = Date.now() + this.interval()
  }

  private succeeded(): void {
    this.loadedOnce = true
    this.backOffCount = 0
    this.nextFetchAllowedAt = 0
    this.reportedCodes.clear()
  }

  /** After a failed load that is not a back-off status, flag calls wait this long before fetching on demand again. */
  private coolDown(): void {
    this.nextFetchAllowedAt = Date.now() + Math.min(this.settings.pollingInterval, ON_DEMAND_RETRY_DELAY)
  }

  private reportOnce(code: PolytrackErrorCode, message: string, status?: number): void {
    if (this.reportedCodes.has(code)) return
    this.reportedCodes.add(code)
    this.report(new FlagRequestError(code, message, { endpoint: 'definitions', ...(status === undefined ? {} : { status }) }))
  }

  private async fetchOnce(): Promise<void> {
    const { host, apiKey, personalApiKey } = this.settings
    const headers: Record<string, string> = {
      authorization: `Bearer ${personalApiKey}`,
      'content-type': 'application/json',
      'user-agent': this.settings.userAgent,
    }
    if (this.etag !== undefined) headers['if-none-match'] = this.etag
    const where = `GET ${host}/flags/definitions`
    let response
    try {
      response = await flagHttp(this.exchange, {
        method: 'GET',
        url: `${host}/flags/definitions?token=${encodeURIComponent(apiKey)}&send_cohorts`,
        headers,
        timeout: this.settings.definitionsTimeout,
        signal: this.abort,
        maxBytes: MAX_DEFINITIONS_BYTES,
      })
    } catch (error) {
      if (error instanceof FlagHttpFailureError && error.kind === 'aborted') return
      this.coolDown()
      // No cause attached: the request URL holds the project key. The detail is masked.
      const detail = maskSecrets(error instanceof Error ? error.message : String(error), [apiKey, personalApiKey])
      this.reportOnce('flags_definitions_failed', `${where} failed (${detail}); keeping the current flag definitions`)
      return
    }
    const { status } = response
    const secrets = [apiKey, personalApiKey]
    const excerpt = () => (response.text === '' ? '' : `: ${serverExcerpt(response.text, secrets)}`)
    switch (status) {
      case 200:
        return this.accept(response.text, response.etag, where)
      case 304:
        this.etag = response.etag ?? this.etag
        this.succeeded()
        return
      case 401:
      case 403:
        this.beginBackoff()
        return this.reportOnce(
          'flags_unauthorized',
          `${where} answered ${status}: the personal API key (****) or project key (****) is invalid or lacks feature-flag read access; next attempt in ${this.interval()} ms${excerpt()}`,
          status,
        )
      case 429:
        this.beginBackoff()
        return this.reportOnce('flags_rate_limited', `${where} answered 429 (rate limited); next attempt in ${this.interval()} ms`, status)
      case 402:
        this.coolDown()
        this.current = NO_DEFINITIONS
        return this.reportOnce(
          'flags_quota_limited',
          `${where} answered 402: feature-flag quota exceeded; local flag definitions cleared`,
          status,
        )
      default:
        this.coolDown()
        return this.reportOnce(
          'flags_definitions_failed',
          `${where} answered ${status}; keeping the current flag definitions${excerpt()}`,
          status,
        )
    }
  }

  private accept(text: string, etag: string | undefined, where: string): void {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      // The SyntaxError quotes the body, which may echo keys: not attached.
      this.coolDown()
      return this.reportOnce(
        'flags_definitions_failed',
        `${where} answered 200 with a body that is not JSON; keeping the current flag definitions`,
        200,
      )
    }
    const body = parsed as Partial<FlagDefinitions> | null
    if (body === null || typeof body !== 'object' || !Array.isArray(body.flags)) {
      this.coolDown()
      return this.reportOnce(
        'flags_definitions_failed',
        `${where} answered 200 without a "flags" array; keeping the current flag definitions`,
        200,
      )
    }
    this.current = {
      flags: body.flags,
      group_type_mapping: isObject(body.group_type_mapping) ? body.group_type_mapping : {},
      cohorts: isObject(body.cohorts) ? body.cohorts : {},
      ...(body.property_matching_version === undefined ? {} : { property_matching_version: body.property_matching_version }),
    }
    this.etag = etag
    this.loadedAt = Date.now()
    this.succeeded()
  }
}

function isObject<T>(value: T | undefined): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
