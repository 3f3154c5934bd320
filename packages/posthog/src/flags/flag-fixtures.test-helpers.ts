/** Flag definitions and helpers shared by the flag tests (not a test file itself). */
import { Analytics, type AnalyticsOptions, type Destination, type ErrorEvent } from '@polytrack/core'
import * as wire from '@polytrack/core/adapter'
import { startSink, type FlagDefinitionsPayload, type FlagOptions, type Sink } from '@polytrack/sink'
import { segmentDestination } from '@polytrack/sink/test-destinations'
import { posthog, type PostHogOptions } from '../index.js'

/** The project key the flag tests' sink accepts for events. */
export const API_KEY = 'phc_project_key_1234'
/** The personal API key the flag tests' sink accepts for flag definitions. */
export const PERSONAL = 'phx_personal_key_5678'

/** A sink taking API_KEY and PERSONAL, serving DEFINITIONS, answering remote evaluation with `evaluate`. */
export function startFlagSink(evaluate: NonNullable<FlagOptions['evaluate']>): Promise<Sink> {
  return startSink({ port: 0, keys: { posthog: [API_KEY] }, flags: { definitions: DEFINITIONS, personalApiKeys: [PERSONAL], evaluate } })
}

/** Four flags: one decidable for anyone, one needing `plan`, a variant flag, a static cohort. */
export const DEFINITIONS: FlagDefinitionsPayload = {
  flags: [
    {
      id: 1,
      version: 3,
      key: 'simple-on',
      active: true,
      filters: { groups: [{ properties: [], rollout_percentage: 100 }], payloads: { true: '{"color":"blue"}' } },
    },
    {
      id: 2,
      key: 'plan-pro',
      active: true,
      filters: { groups: [{ properties: [{ key: 'plan', type: 'person', value: 'pro', operator: 'exact' }], rollout_percentage: 100 }] },
    },
    {
      id: 3,
      key: 'checkout',
      active: true,
      filters: {
        groups: [{ properties: [], rollout_percentage: 100, variant: 'treatment' }],
        multivariate: {
          variants: [
            { key: 'control', rollout_percentage: 50 },
            { key: 'treatment', rollout_percentage: 50 },
          ],
        },
        payloads: { treatment: '{"steps":2}' },
      },
    },
    {
      id: 4,
      key: 'beta-cohort',
      active: true,
      filters: { groups: [{ properties: [{ key: 'id', type: 'cohort', value: 999 }], rollout_percentage: 100 }] },
    },
  ],
  group_type_mapping: { '0': 'company' },
  cohorts: {},
}

/** A minimal Segment-protocol destination pointing at the sink, to stand beside PostHog in a set. */
export function segmentLike(url: string): Destination {
  return segmentDestination({
    url,
    writeKey: 'seg-key',
    wire,
    kind: 'tool',
    limits: { messageBytes: 32_000, batchBytes: 500_000, batchMessages: 100 },
  })
}

/** A client made by {@link flagClients}, with the `error` events it emitted. */
export interface FlagClient {
  analytics: Analytics
  errors: ErrorEvent[]
}

/**
 * Makes PostHog clients on the sink `sinkOf()` returns (API_KEY, PERSONAL, definitions polled every
 * minute, then `options`), each collecting its `error` events; `closeAll()` closes every client made
 * so far (call it in `afterEach`).
 */
export function flagClients(
  sinkOf: () => Sink,
  analyticsOptions: Omit<AnalyticsOptions, 'destination'> = {},
): { client(options?: Partial<PostHogOptions>): FlagClient; closeAll(): Promise<void> } {
  const open: Analytics[] = []
  return {
    client(options = {}) {
      const destination = posthog({
        apiKey: API_KEY,
        host: sinkOf().urlFor('posthog'),
        personalApiKey: PERSONAL,
        featureFlagsPollingIntervalMs: 60_000,
        ...options,
      })
      const analytics = new Analytics({ destination, ...analyticsOptions })
      const errors: ErrorEvent[] = []
      analytics.on('error', (event) => errors.push(event))
      open.push(analytics)
      return { analytics, errors }
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((analytics) => analytics.close({ timeoutMs: 2_000 })))
    },
  }
}
