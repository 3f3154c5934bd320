import type { FlagDefinitions, FlagSubject } from '@polytrack/core/flags'

/** What posthog-node answered for one flag. */
export interface OracleAnswer {
  /** `undefined` when posthog-node could not decide locally. */
  value: boolean | string | undefined
  payload: unknown
}

/** A posthog-node client serving one definitions payload. */
export interface Oracle {
  /** posthog-node's `getFeatureFlag` and `getFeatureFlagPayload` for `key`, evaluated locally only. */
  evaluate(key: string, subject: FlagSubject): Promise<OracleAnswer>
  /** Requests that were not for definitions (must stay empty). */
  readonly unexpectedRequests: string[]
  shutdown(): Promise<void>
}

/**
 * Starts an offline posthog-node client serving `definitions` (its only "network" is an in-process
 * fetch; any other request is recorded and fails) and waits until it has loaded them.
 */
export function startOracle(definitions: FlagDefinitions): Promise<Oracle>
