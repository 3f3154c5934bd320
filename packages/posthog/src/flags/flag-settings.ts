import { applyRenames, ConfigError } from '@polytrack/core/adapter'

/**
 * posthog-node 5.70's feature-flag defaults: definitions polled every 30 s (never faster than
 * 100 ms), a 10 s timeout for the definitions request, 3 s for a remote `/flags` request,
 * `$feature_flag_called` on, and a dedupe cache of 50,000 distinct ids.
 */
export const POSTHOG_FLAG_DEFAULTS = {
  featureFlagsPollingIntervalMs: 30_000,
  minimumPollingInterval: 100,
  flagDefinitionsTimeoutMs: 10_000,
  featureFlagsRequestTimeoutMs: 3_000,
  sendFeatureFlagEvent: true,
  featureFlagCalledCacheSize: 50_000,
} as const

/** Longest wait between polls while backing off after 401/403/429 (posthog-node: 60 s). */
export const MAX_BACKOFF_INTERVAL = 60_000

/** Largest definitions body read (bytes); a larger answer is a failed load. */
export const MAX_DEFINITIONS_BYTES = 64 * 1024 * 1024

/** Largest remote `/flags` body read (bytes). */
export const MAX_REMOTE_FLAGS_BYTES = 8 * 1024 * 1024

/** Everything the PostHog flag source needs, resolved and validated. */
export interface PostHogFlagSettings {
  /** Project API key (`phc_…`): `token` of both endpoints. */
  apiKey: string
  /** Personal or secret key; without it the source is remote-only. */
  personalApiKey: string | undefined
  /** Base URL without a trailing slash, e.g. `https://us.i.posthog.com`. */
  host: string
  /** Milliseconds between definition polls. */
  pollingInterval: number
  /** Timeout of one definitions request (also bounds how long a flag call waits for the first load). */
  definitionsTimeout: number
  /** Timeout of one remote `/flags` request. */
  remoteTimeout: number
  /** Send `$feature_flag_called` events. */
  sendFeatureFlagEvent: boolean
  /** Distinct ids remembered by the `$feature_flag_called` dedupe cache. */
  flagCalledCacheSize: number
  /** Default of `onlyEvaluateLocally` when a call does not say. */
  strictLocalEvaluation: boolean
  /** Send `geoip_disable: true` with remote evaluation requests. */
  disableGeoip: boolean
  /** `User-Agent` header value. */
  userAgent: string
}

/** The flag options of `posthog()` (see `PostHogOptions`). */
export interface PostHogFlagOptionInput {
  featureFlagsPollingIntervalMs?: number | undefined
  /** @deprecated Use `featureFlagsPollingIntervalMs`. */
  featureFlagsPollingInterval?: number | undefined
  flagDefinitionsTimeoutMs?: number | undefined
  featureFlagsRequestTimeoutMs?: number | undefined
  sendFeatureFlagEvent?: boolean | undefined
  featureFlagCalledCacheSize?: number | undefined
  strictLocalEvaluation?: boolean | undefined
}

function positive(value: number | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(option, `must be a positive number of milliseconds, got ${String(value)}`)
  }
  return value
}

function flag(value: boolean | undefined, option: string, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw new ConfigError(option, `must be a boolean, got ${typeof value}`)
  return value
}

/** PostHog flag options renamed to carry their unit (the old names warn, for one release). */
export const RENAMED_FLAG_OPTIONS = { featureFlagsPollingInterval: 'featureFlagsPollingIntervalMs' } as const

/**
 * Validates the flag options and applies the defaults. The polling interval is raised to 100 ms
 * when smaller, as posthog-node does. The deprecated `featureFlagsPollingInterval` is read as
 * `featureFlagsPollingIntervalMs`. Throws a `ConfigError` for a value that cannot work.
 */
export function resolveFlagOptions(
  options: PostHogFlagOptionInput,
): Omit<PostHogFlagSettings, 'apiKey' | 'personalApiKey' | 'host' | 'disableGeoip' | 'userAgent'> {
  const input = applyRenames(options, RENAMED_FLAG_OPTIONS)
  const cacheSize = input.featureFlagCalledCacheSize ?? POSTHOG_FLAG_DEFAULTS.featureFlagCalledCacheSize
  if (!Number.isInteger(cacheSize) || cacheSize < 1) {
    throw new ConfigError('featureFlagCalledCacheSize', `must be a positive integer, got ${String(cacheSize)}`)
  }
  const interval = positive(
    input.featureFlagsPollingIntervalMs,
    'featureFlagsPollingIntervalMs',
    POSTHOG_FLAG_DEFAULTS.featureFlagsPollingIntervalMs,
  )
  return {
    pollingInterval: Math.max(interval, POSTHOG_FLAG_DEFAULTS.minimumPollingInterval),
    definitionsTimeout: positive(
      input.flagDefinitionsTimeoutMs,
      'flagDefinitionsTimeoutMs',
      POSTHOG_FLAG_DEFAULTS.flagDefinitionsTimeoutMs,
    ),
    remoteTimeout: positive(
      input.featureFlagsRequestTimeoutMs,
      'featureFlagsRequestTimeoutMs',
      POSTHOG_FLAG_DEFAULTS.featureFlagsRequestTimeoutMs,
    ),
    sendFeatureFlagEvent: flag(input.sendFeatureFlagEvent, 'sendFeatureFlagEvent', POSTHOG_FLAG_DEFAULTS.sendFeatureFlagEvent),
    flagCalledCacheSize: cacheSize,
    strictLocalEvaluation: flag(input.strictLocalEvaluation, 'strictLocalEvaluation', false),
  }
}
