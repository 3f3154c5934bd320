import { ConfigError } from '@polytrack/core'
import { describe, expect, it, vi } from 'vitest'
import { posthog } from './posthog.js'

describe('posthog() refuses unknown options', () => {
  it('Host (posthog-go’s casing) is refused, naming host', () => {
    const make = () => posthog({ apiKey: 'phc_a', Host: 'https://eu.i.posthog.com' } as never)
    expect(make).toThrow(ConfigError)
    expect(make).toThrow(/Invalid option Host: is not an option \(did you mean `host`\?\)/)
  })

  it('names posthog-go’s and posthog-node’s options by their Polytrack names', () => {
    expect(() => posthog({ apiKey: 'phc_a', Endpoint: 'https://eu.i.posthog.com' } as never)).toThrow(
      "did you mean `host`, or `region: 'eu'`?",
    )
    expect(() => posthog({ apiKey: 'phc_a', SecretKey: 'phx_b' } as never)).toThrow('did you mean `personalApiKey`')
    expect(() => posthog({ apiKey: 'phc_a', DefaultFeatureFlagsPollingInterval: 1000 } as never)).toThrow(
      'did you mean `featureFlagsPollingIntervalMs`?',
    )
    expect(() => posthog({ apiKey: 'phc_a', disableCompression: true } as never)).toThrow('did you mean `gzip: false`?')
    expect(() => posthog({ apiKey: 'phc_a', flushAt: 1 } as never)).toThrow('`flushAt` is an option of `new Analytics')
  })

  it('takes featureFlagsPollingIntervalMs, and the deprecated featureFlagsPollingInterval (not both)', () => {
    const interval = (options: object) =>
      (posthog({ apiKey: 'phc_a', personalApiKey: 'phx_b', ...options }).flags as unknown as { settings: { pollingInterval: number } })
        .settings.pollingInterval
    expect(interval({ featureFlagsPollingIntervalMs: 1234 })).toBe(1234)
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    try {
      expect(interval({ featureFlagsPollingInterval: 4321 })).toBe(4321)
      expect(emitWarning).toHaveBeenCalledWith(
        expect.stringContaining('use featureFlagsPollingIntervalMs'),
        expect.objectContaining({ type: 'DeprecationWarning' }),
      )
    } finally {
      emitWarning.mockRestore()
    }
    expect(() => interval({ featureFlagsPollingInterval: 1, featureFlagsPollingIntervalMs: 1 })).toThrow(ConfigError)
  })
})
