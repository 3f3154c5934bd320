import type { Destination, DestinationDefaults } from '../destination.js'
import { ConfigError } from '../errors.js'

/** Delivery settings of one destination's pipeline, after defaults are applied. */
export interface PipelineSettings {
  /** Send a batch once this many messages are queued; also the most messages per request. */
  flushAt: number
  /** Send what is queued at least this often, in ms. */
  flushInterval: number
  /** Messages held per destination; new ones are dropped (and counted) past it. */
  maxQueueSize: number
  /** Retries after the first attempt before a batch is counted failed. */
  maxRetries: number
  /** Per-request timeout in ms (connect, headers and body). */
  httpTimeout: number
  /** Requests in flight at once per destination. */
  maxInFlight: number
  /** First retry delay in ms; doubles each retry, with jitter. */
  retryBaseDelay: number
  /** Longest delay between two retries in ms (a longer `Retry-After` is capped at 5 minutes). */
  retryMaxDelay: number
}

/** The core's defaults, used where neither the user nor the adapter sets a value. */
export const DEFAULT_SETTINGS: Readonly<PipelineSettings> = Object.freeze({
  flushAt: 20,
  flushInterval: 10_000,
  maxQueueSize: 10_000,
  maxRetries: 8,
  httpTimeout: 10_000,
  maxInFlight: 4,
  retryBaseDelay: 500,
  retryMaxDelay: 30_000,
})

/** Longest `Retry-After` honoured, in ms. */
export const MAX_RETRY_AFTER_MS = 300_000

type SettingsInput = Partial<PipelineSettings>

const RULES: Record<keyof PipelineSettings, { min: number; max: number }> = {
  flushAt: { min: 1, max: 100_000 },
  flushInterval: { min: 1, max: 86_400_000 },
  maxQueueSize: { min: 1, max: 100_000_000 },
  maxRetries: { min: 0, max: 1000 },
  httpTimeout: { min: 1, max: 3_600_000 },
  maxInFlight: { min: 1, max: 256 },
  retryBaseDelay: { min: 0, max: 3_600_000 },
  retryMaxDelay: { min: 0, max: 3_600_000 },
}

/**
 * Resolves the settings of one destination: the user's options win, then the adapter's
 * defaults, then {@link DEFAULT_SETTINGS}. `flushAt` is clamped to the vendor's
 * messages-per-batch limit. Throws a `ConfigError` for values out of range.
 */
export function resolveSettings(user: SettingsInput, destination: Destination): PipelineSettings {
  const adapter: DestinationDefaults = destination.defaults ?? {}
  const resolved = { ...DEFAULT_SETTINGS } as PipelineSettings
  for (const key of Object.keys(RULES) as (keyof PipelineSettings)[]) {
    const value = user[key] ?? (adapter as SettingsInput)[key] ?? DEFAULT_SETTINGS[key]
    const rule = RULES[key]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
      throw new ConfigError(key, `must be an integer from ${rule.min} to ${rule.max}, got ${String(value)}`)
    }
    resolved[key] = value
  }
  resolved.flushAt = Math.min(resolved.flushAt, destination.limits.batchMessages)
  return resolved
}
