import { Analytics, localFlags } from '@polytrack/core'
import type { FlagDefinitions } from '@polytrack/core/flags'
import { ErrorCode, OpenFeature, StandardResolutionReasons } from '@openfeature/server-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PolytrackProvider } from './polytrack-provider.js'
import { idleDestination as idle } from '@polytrack/sink/test-destinations'

const definitions: FlagDefinitions = {
  flags: [
    { id: 11, key: 'on', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }], payloads: { true: '42' } } },
    { id: 12, key: 'off', active: false, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
    {
      id: 13,
      key: 'checkout',
      active: true,
      filters: {
        groups: [{ properties: [{ key: 'plan', value: 'pro', operator: 'exact', type: 'person' }], rollout_percentage: 100 }],
        multivariate: {
          variants: [
            { key: 'old', rollout_percentage: 0 },
            { key: 'new', rollout_percentage: 100 },
          ],
        },
        payloads: { new: '{"steps":2}' },
      },
    },
    {
      id: 14,
      key: 'for-acme',
      active: true,
      filters: { aggregation_group_type_index: 0, groups: [{ properties: [], rollout_percentage: 100 }] },
    },
  ],
  group_type_mapping: { '0': 'company' },
}

const analytics = new Analytics({ destination: idle, flags: localFlags({ definitions }) })
const client = OpenFeature.getClient()

beforeAll(async () => {
  await OpenFeature.setProviderAndWait(new PolytrackProvider(analytics))
})
afterAll(async () => {
  await OpenFeature.close()
  await analytics.close()
})

describe('PolytrackProvider through the OpenFeature SDK', () => {
  it('resolves booleans with reason, variant and flag metadata', async () => {
    const on = await client.getBooleanDetails('on', false, { targetingKey: 'u1' })
    expect(on).toMatchObject({
      value: true,
      reason: StandardResolutionReasons.TARGETING_MATCH,
      flagMetadata: { source: 'local', conditionIndex: 0 },
    })
    expect(on.errorCode).toBeUndefined()
    const off = await client.getBooleanDetails('off', true, { targetingKey: 'u1' })
    expect(off).toMatchObject({ value: false, reason: StandardResolutionReasons.DISABLED })
    const variant = await client.getBooleanDetails('checkout', false, { targetingKey: 'u1', plan: 'pro' })
    expect(variant).toMatchObject({ value: true, variant: 'new' })
  })

  it('resolves strings to the variant and numbers/objects to the payload', async () => {
    expect(await client.getStringDetails('checkout', 'old', { targetingKey: 'u1', plan: 'pro' })).toMatchObject({
      value: 'new',
      variant: 'new',
      reason: 'TARGETING_MATCH',
    })
    expect(await client.getObjectValue('checkout', {}, { targetingKey: 'u1', plan: 'pro' })).toEqual({ steps: 2 })
    expect(await client.getNumberValue('on', 0, { targetingKey: 'u1' })).toBe(42)
  })

  it('maps context attributes to person properties and groups', async () => {
    expect(await client.getStringValue('checkout', 'default', { targetingKey: 'u1', plan: 'free' })).toBe('default')
    expect(await client.getBooleanValue('for-acme', false, { targetingKey: 'u1', groups: { company: 'acme' } })).toBe(true)
    expect(await client.getBooleanDetails('for-acme', true, { targetingKey: 'u1' })).toMatchObject({ value: false, reason: 'DEFAULT' })
  })

  it('reports errors as data with the default value', async () => {
    expect(await client.getBooleanDetails('missing', true, { targetingKey: 'u1' })).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    })
    expect(await client.getStringDetails('on', 'd', { targetingKey: 'u1' })).toMatchObject({
      value: 'd',
      reason: 'ERROR',
      errorCode: ErrorCode.TYPE_MISMATCH,
    })
    expect(await client.getObjectDetails('on', { a: 1 }, { targetingKey: 'u1' })).toMatchObject({
      value: { a: 1 },
      errorCode: ErrorCode.TYPE_MISMATCH,
    })
    expect(await client.getBooleanDetails('on', false, {})).toMatchObject({ value: false, errorCode: ErrorCode.TARGETING_KEY_MISSING })
    // Needs the "plan" property, which is unknown: cannot be decided locally.
    const undecided = await client.getStringDetails('checkout', 'fallback', { targetingKey: 'u1' })
    expect(undecided).toMatchObject({ value: 'fallback', reason: 'ERROR', errorCode: ErrorCode.GENERAL })
    expect(undecided.errorMessage).toMatch(/could not be decided/)
  })
})
