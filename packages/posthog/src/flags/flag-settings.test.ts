import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { posthog } from '../posthog.js'
import { maskSecrets, serverExcerpt } from './flag-request-error.js'
import { POSTHOG_FLAG_DEFAULTS, resolveFlagOptions } from './flag-settings.js'
import { PostHogFlagSource } from './posthog-flag-source.js'

describe('flag options', () => {
  it('defaults to posthog-node’s values', () => {
    expect(resolveFlagOptions({})).toEqual({
      pollingInterval: 30_000,
      definitionsTimeout: 10_000,
      remoteTimeout: 3_000,
      sendFeatureFlagEvent: true,
      flagCalledCacheSize: 50_000,
      strictLocalEvaluation: false,
    })
    expect(POSTHOG_FLAG_DEFAULTS.featureFlagsPollingIntervalMs).toBe(30_000)
  })

  it('raises a polling interval below 100 ms to 100 ms, as posthog-node does', () => {
    expect(resolveFlagOptions({ featureFlagsPollingIntervalMs: 5 }).pollingInterval).toBe(100)
  })

  it('refuses values that cannot work', () => {
    expect(() => resolveFlagOptions({ featureFlagsPollingIntervalMs: 0 })).toThrow(ConfigError)
    expect(() => resolveFlagOptions({ featureFlagsRequestTimeoutMs: Number.NaN })).toThrow(/featureFlagsRequestTimeoutMs/)
    expect(() => resolveFlagOptions({ featureFlagCalledCacheSize: 1.5 })).toThrow(/featureFlagCalledCacheSize/)
    expect(() => resolveFlagOptions({ sendFeatureFlagEvent: 'yes' as unknown as boolean })).toThrow(/sendFeatureFlagEvent/)
  })

  it('gives every posthog() destination a flag source, local with a personal key', () => {
    const remoteOnly = posthog({ apiKey: 'phc_a' }).flags
    const local = posthog({ apiKey: 'phc_a', personalApiKey: 'phx_b' }).flags
    expect(remoteOnly).toBeInstanceOf(PostHogFlagSource)
    expect((remoteOnly as PostHogFlagSource).localEvaluation).toBe(false)
    expect((local as PostHogFlagSource).localEvaluation).toBe(true)
    expect(() => posthog({ apiKey: 'phc_a', featureFlagsPollingInterval: -1 })).toThrow(ConfigError)
  })
})

describe('masking', () => {
  it('replaces keys in server text', () => {
    expect(maskSecrets('bad key phx_123456 for phc_abcdef', ['phx_123456', 'phc_abcdef', undefined])).toBe('bad key **** for ****')
    expect(serverExcerpt(`{"detail":"token phc_abcdef\n invalid"}${'x'.repeat(300)}`, ['phc_abcdef'])).toMatch(
      /^\{"detail":"token \*\*\*\* invalid"\}x+…$/,
    )
  })
})
