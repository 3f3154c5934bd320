import type { Analytics } from '@polytrack/core'
import type { FlagAnswer } from '@polytrack/core/adapter'
import {
  TargetingKeyMissingError,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk'
import { contextToQuery } from './context-to-query.js'
import { toResolution, type FlagType } from './to-resolution.js'

/**
 * An OpenFeature server provider over a Polytrack client's flags (PostHog's, or `localFlags()`
 * for any vendor), so code written against OpenFeature evaluates them with the same evaluator.
 *
 * @example
 * await OpenFeature.setProviderAndWait(new PolytrackProvider(analytics))
 * const enabled = await OpenFeature.getClient().getBooleanValue('new-checkout', false, { targetingKey: 'user-1', plan: 'pro' })
 */
export class PolytrackProvider implements Provider {
  readonly metadata = { name: 'polytrack' } as const
  readonly runsOn = 'server' as const
  readonly hooks = []

  constructor(private readonly analytics: Pick<Analytics, 'getFeatureFlagResult' | 'reloadFeatureFlags'>) {}

  /** Loads the flag definitions before the first evaluation. */
  async initialize(): Promise<void> {
    await this.analytics.reloadFeatureFlags()
  }

  resolveBooleanEvaluation(key: string, _default: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    return this.resolve(key, 'boolean', context) as Promise<ResolutionDetails<boolean>>
  }

  resolveStringEvaluation(key: string, _default: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return this.resolve(key, 'string', context) as Promise<ResolutionDetails<string>>
  }

  resolveNumberEvaluation(key: string, _default: number, context: EvaluationContext): Promise<ResolutionDetails<number>> {
    return this.resolve(key, 'number', context) as Promise<ResolutionDetails<number>>
  }

  resolveObjectEvaluation<T extends JsonValue>(key: string, _default: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    return this.resolve(key, 'object', context) as Promise<ResolutionDetails<T>>
  }

  private async resolve(key: string, type: FlagType, context: EvaluationContext): Promise<ResolutionDetails<unknown>> {
    const { distinctId, options } = contextToQuery(context)
    if (distinctId === undefined) throw new TargetingKeyMissingError('targetingKey (the distinct id) is required')
    const answer: FlagAnswer | undefined = await this.analytics.getFeatureFlagResult(key, distinctId, options)
    return toResolution(key, type, answer)
  }
}
