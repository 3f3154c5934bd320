import type { AnalyticsEvents } from '../events/event-types.js'
import { TypedEmitter } from '../events/typed-emitter.js'
import type { FlagCallOptions, FlagClient, FlagsAndPayloads } from '../flag-client/flag-client.js'
import type { FlagAnswer, FlagValue } from '../flag-client/flag-source.js'

/**
 * The feature-flag half of the client: posthog-node's calls over the client's flag source. Every
 * call resolves (never rejects); `undefined` means the flag cannot be decided.
 */
export abstract class FlagCalls extends TypedEmitter<AnalyticsEvents> {
  /** Where the answers come from (set by the client's constructor). */
  protected abstract readonly flagClient: FlagClient

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
}
