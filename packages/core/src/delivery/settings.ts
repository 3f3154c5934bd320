import type { Destination, DestinationDefaults } from '../destination.js'
import { ConfigError } from '../errors.js'
import { applyRenames, RENAMED_SETTINGS } from '../config/renamed-options.js'

/** Delivery settings of one destination's pipeline, after defaults are applied. */
export interface PipelineSettings {
  /** Send a batch once this many messages are queued; also the most messages per request. */
  flushAt: number
  /** Send what is queued at least this often, in ms. */
  flushIntervalMs: number
  /** Messages held per destination; new ones are dropped (and counted) past it. */
  maxQueueSize: number
  /** Retries after the first attempt before a batch is counted failed. */
  maxRetries: number
  /** Per-request timeout in ms (connect, headers and body). */
  httpTimeoutMs: number
  /** Requests in flight at once per destination. */
  maxInFlight: number
  /** First retry delay in ms; doubles each retry, with jitter. */
  retryBaseDelayMs: number
  /** Longest delay between two retries in ms (a longer `Retry-After` is capped at 5 minutes). */
  retryMaxDelayMs: number
}

/** The names the delivery settings had before they carried their unit; accepted for one release. */
export interface DeprecatedSettingNames {
  /** @deprecated Use `flushIntervalMs` (same value). Removed in the next release. */
  flushInterval?: number
  /** @deprecated Use `httpTimeoutMs` (same value). Removed in the next release. */
  httpTimeout?: number
  /** @deprecated Use `retryBaseDelayMs` (same value). Removed in the next release. */
  retryBaseDelay?: number
  /** @deprecated Use `retryMaxDelayMs` (same value). Removed in the next release. */
  retryMaxDelay?: number
}

/**
 * Delivery settings as callers give them (`new Analytics({...})`, a multiplex child's `settings`):
 * any of {@link PipelineSettings}, or their deprecated names (not both names of one setting).
 */
export type DeliverySettings = Partial<PipelineSettings> & DeprecatedSettingNames

/** The core's defaults, used where neither the user nor the adapter sets a value. */
export const DEFAULT_SETTINGS: Readonly<PipelineSettings> = Object.freeze({
  flushAt: 20,
  flushIntervalMs: 10_000,
  maxQueueSize: 10_000,
  maxRetries: 8,
  httpTimeoutMs: 10_000,
  maxInFlight: 4,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
})

/** Longest `Retry-After` honoured, in ms. */
export const MAX_RETRY_AFTER_MS = 300_000

const RULES: Record<keyof PipelineSettings, { min: number; max: number }> = {
  flushAt: { min: 1, max: 100_000 },
  flushIntervalMs: { min: 1, max: 86_400_000 },
  maxQueueSize: { min: 1, max: 100_000_000 },
  maxRetries: { min: 0, max: 1000 },
  httpTimeoutMs: { min: 1, max: 3_600_000 },
  maxInFlight: { min: 1, max: 256 },
  retryBaseDelayMs: { min: 0, max: 3_600_000 },
  retryMaxDelayMs: { min: 0, max: 3_600_000 },
}

/** Every delivery setting's current name. */
export const SETTING_NAMES: readonly (keyof PipelineSettings)[] = Object.freeze(Object.keys(RULES) as (keyof PipelineSettings)[])

/** The delivery settings' deprecated names (accepted for one release). */
export const DEPRECATED_SETTING_NAMES: readonly (keyof DeprecatedSettingNames)[] = Object.freeze(
  Object.keys(RENAMED_SETTINGS) as (keyof DeprecatedSettingNames)[],
)

/**
 * Delivery settings under their current names: the deprecated names moved (warning once per name
 * and process), a `ConfigError` when a setting is given under both names. `path` prefixes names
 * in errors (`settings.`). Pure apart from the warning.
 */
export function currentSettingNames<T extends DeliverySettings | DestinationDefaults>(
  settings: T,
  path = '',
): Omit<T, keyof DeprecatedSettingNames> {
  return applyRenames(settings, RENAMED_SETTINGS, path)
}

/**
 * Resolves the settings of one destination: the user's options win, then the adapter's
 * defaults, then {@link DEFAULT_SETTINGS}. Deprecated names are read as their current ones.
 * Only own properties of `user` and of the adapter's defaults are read (an inherited one, from a
 * polluted `Object.prototype`, is not a setting). `flushAt` is clamped to the vendor's
 * messages-per-batch limit. Throws a `ConfigError` for values out of range, or a setting given
 * under both its names.
 */
export function resolveSettings(user: DeliverySettings, destination: Destination): PipelineSettings {
  const given = currentSettingNames(user) as Partial<PipelineSettings>
  const adapter = currentSettingNames(destination.defaults ?? {}) as Partial<PipelineSettings>
  const resolved = { ...DEFAULT_SETTINGS } as PipelineSettings
  for (const key of Object.keys(RULES) as (keyof PipelineSettings)[]) {
    const value = own(given, key) ?? own(adapter, key) ?? DEFAULT_SETTINGS[key]
    const rule = RULES[key]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
      throw new ConfigError(key, `must be an integer from ${rule.min} to ${rule.max}, got ${String(value)}`)
    }
    resolved[key] = value
  }
  resolved.flushAt = Math.min(resolved.flushAt, destination.limits.batchMessages)
  return resolved
}

/** `settings[key]` when it is an own property, else `undefined`. */
function own(settings: Partial<PipelineSettings>, key: keyof PipelineSettings): number | undefined {
  return Object.hasOwn(settings, key) ? settings[key] : undefined
}
