// PostHog definitions that would take more than the evaluator's work bound: the local answer is
// inconclusive, the server is asked instead, and an `error` event says why (issue 15, item 1).
import { startSink, type FlagDefinitionsPayload, type Sink } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, flagClients, PERSONAL } from './flag-fixtures.test-helpers.js'

/** More filters than one evaluation may look at (linear work, but over 100,000 steps). */
const COSTLY: FlagDefinitionsPayload = {
  flags: [
    {
      id: 1,
      key: 'costly',
      active: true,
      filters: {
        groups: [
          {
            properties: Array.from({ length: 100_001 }, () => ({ key: 'plan', type: 'person', value: 'pro', operator: 'exact' })),
            rollout_percentage: 100,
          },
        ],
      },
    },
    { id: 2, key: 'cheap', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
  ],
  group_type_mapping: {},
  cohorts: {},
}

let sink: Sink
const clients = flagClients(() => sink)

beforeAll(async () => {
  sink = await startSink({
    keys: { posthog: [API_KEY] },
    flags: {
      definitions: COSTLY,
      personalApiKeys: [PERSONAL],
      evaluate: (request) => ({
        flags: Object.fromEntries(
          (request.flag_keys_to_evaluate ?? ['costly', 'cheap']).map((key) => [
            key,
            { key, enabled: true, variant: null, reason: { code: 'condition_match' }, metadata: { id: 1, version: 1, payload: null } },
          ]),
        ),
        errorsWhileComputingFlags: false,
        requestId: 'req-1',
      }),
    },
  })
})
afterAll(async () => {
  await sink.close()
})
afterEach(async () => {
  await clients.closeAll()
})

/** A client that sends no `$feature_flag_called` events. */
const client = () => clients.client({ sendFeatureFlagEvent: false })

describe('definitions over the evaluation work bound', () => {
  const options = { personProperties: { plan: 'pro' } }

  it('fall back to remote evaluation, with a flags_evaluation_limit error event', async () => {
    const { analytics, errors } = client()
    const remoteCalls = () => sink.requests({ kind: 'flags' }).filter((r) => r.method === 'POST').length
    const before = remoteCalls()
    const result = await analytics.getFeatureFlagResult('costly', 'user-1', options)
    expect(result).toMatchObject({ value: true, source: 'remote' })
    expect(remoteCalls() - before).toBe(1)
    expect(errors.map((e) => e.error.code)).toEqual(['flags_evaluation_limit'])
    expect(errors[0]?.error.message).toContain('"costly"')
  })

  it('are undefined when only local evaluation is allowed', async () => {
    const { analytics, errors } = client()
    expect(await analytics.getFeatureFlag('costly', 'user-1', { ...options, onlyEvaluateLocally: true })).toBeUndefined()
    expect(await analytics.getAllFlags('user-1', { ...options, onlyEvaluateLocally: true })).toEqual({ cheap: true })
    expect(errors.map((e) => e.error.code)).toEqual(['flags_evaluation_limit', 'flags_evaluation_limit'])
  })
})
