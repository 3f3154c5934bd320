// The six flag calls never reject, whatever `options` is (issue 15, item 4), and a local
// evaluation stopped by the work bound is announced with an `error` event (item 1).
import { describe, expect, it } from 'vitest'
import { Analytics } from '../analytics.js'
import type { ErrorEvent } from '../events/event-types.js'
import type { FlagDefinitions } from '../flags/definition-types.js'
import { MAX_EVALUATION_STEPS } from '../flags/evaluation-budget.js'
import type { FlagCallOptions } from './flag-client.js'
import { localFlags } from './local-flags.js'
import { idleDestination as idle } from '@polytrack/sink/test-destinations'

const definitions: FlagDefinitions = {
  flags: [
    { key: 'everyone', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }], payloads: { true: '{"a":1}' } } },
    {
      key: 'pro-only',
      active: true,
      filters: { groups: [{ properties: [{ key: 'plan', value: 'pro', operator: 'exact', type: 'person' }], rollout_percentage: 100 }] },
    },
  ],
}

function client(defs: FlagDefinitions = definitions): { analytics: Analytics; errors: ErrorEvent[] } {
  const analytics = new Analytics({ destination: idle, flags: localFlags({ definitions: defs }) })
  const errors: ErrorEvent[] = []
  analytics.on('error', (event) => errors.push(event))
  return { analytics, errors }
}

/** The six calls with the same arguments; every promise settled, rejections kept as such. */
async function sixCalls(analytics: Analytics, options: unknown): Promise<PromiseSettledResult<unknown>[]> {
  const o = options as FlagCallOptions
  return Promise.allSettled([
    analytics.getFeatureFlag('everyone', 'u1', o),
    analytics.getFeatureFlagResult('everyone', 'u1', o),
    analytics.isFeatureEnabled('everyone', 'u1', o),
    analytics.getFeatureFlagPayload('everyone', 'u1', o),
    analytics.getAllFlags('u1', o),
    analytics.getAllFlagsAndPayloads('u1', o),
  ])
}

const throwingGetter = {
  get personProperties(): Record<string, unknown> {
    throw new Error('getter boom')
  },
}
const throwingProxy = new Proxy(
  {},
  {
    get() {
      throw new Error('trap boom')
    },
    has() {
      throw new Error('trap boom')
    },
  },
)
const throwingOnSecondRead = (() => {
  let reads = 0
  return {
    get groups(): Record<string, string> {
      if (++reads > 1) throw new Error('second read')
      return { company: 'acme' }
    },
  }
})()

describe('flag calls with hostile options never reject', () => {
  it('null options are no options (as posthog-node): every call answers', async () => {
    const { analytics, errors } = client()
    const results = await sixCalls(analytics, null)
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('fulfilled'))
    const values = results.map((r) => (r as PromiseFulfilledResult<unknown>).value)
    expect(values[0]).toBe(true)
    expect(values[2]).toBe(true)
    expect(values[3]).toEqual({ a: 1 })
    expect(values[4]).toEqual({ everyone: true })
    expect(errors).toEqual([])
  })

  it.each([
    ['a getter that throws', throwingGetter, 'options.personProperties'],
    ['a Proxy whose traps throw', throwingProxy, 'options'],
    ['a string', 'not options', 'options'],
  ])('options with %s: undefined / empty answers and a flags_invalid error naming the field', async (_, options, field) => {
    const { analytics, errors } = client()
    const results = await sixCalls(analytics, options)
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('fulfilled'))
    const values = results.map((r) => (r as PromiseFulfilledResult<unknown>).value)
    expect(values.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined])
    expect(values[4]).toEqual({})
    expect(values[5]).toEqual({ featureFlags: {}, featureFlagPayloads: {} })
    expect(errors.length).toBe(6)
    for (const { error } of errors) {
      expect(error.code).toBe('flags_invalid')
      expect(error.message).toContain(field)
    }
  })

  it('reads each option once: a getter that throws on its second read is never reached twice', async () => {
    const { analytics, errors } = client()
    expect(await analytics.getFeatureFlag('everyone', 'u1', throwingOnSecondRead as FlagCallOptions)).toBe(true)
    expect(errors).toEqual([])
  })

  it('an unhandled rejection never happens (the process would crash on it)', async () => {
    const rejections: unknown[] = []
    const onRejection = (reason: unknown) => rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    try {
      const { analytics } = client()
      for (const options of [null, throwingGetter, throwingProxy]) {
        void analytics.getFeatureFlag('everyone', 'u1', options as FlagCallOptions)
        void analytics.getAllFlags('u1', options as FlagCallOptions)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(rejections).toEqual([])
    } finally {
      process.off('unhandledRejection', onRejection)
    }
  })
})

describe('a local evaluation stopped by the work bound', () => {
  const costly: FlagDefinitions = {
    flags: [
      {
        key: 'costly',
        active: true,
        filters: {
          groups: [
            {
              properties: Array.from({ length: MAX_EVALUATION_STEPS + 1 }, () => ({
                key: 'plan',
                type: 'person',
                operator: 'exact',
                value: 'pro',
              })),
            },
          ],
        },
      },
      { key: 'cheap', active: true, filters: { groups: [{ properties: [] }] } },
    ],
  }

  it('is undefined, with an error event naming the flag', async () => {
    const { analytics, errors } = client(costly)
    const options = { personProperties: { plan: 'pro' } }
    expect(await analytics.getFeatureFlagResult('costly', 'u1', options)).toMatchObject({
      value: undefined,
      reason: { kind: 'inconclusive', because: 'evaluation-limit' },
    })
    expect(errors.map((e) => e.error.code)).toEqual(['flags_evaluation_limit'])
    expect(errors[0]?.error.message).toContain('costly')
    expect(await analytics.getAllFlags('u1', options)).toEqual({ cheap: true })
    expect(errors.map((e) => e.error.code)).toEqual(['flags_evaluation_limit', 'flags_evaluation_limit'])
  })
})

describe('flag keys that are Object.prototype names', () => {
  it('are own keys of getAllFlags and getAllFlagsAndPayloads, never a prototype change', async () => {
    const flag = (key: string) => ({ key, active: true, filters: { groups: [{ properties: [] }], payloads: { true: '{"p":1}' } } })
    const { analytics } = client({ flags: [flag('__proto__'), flag('constructor'), flag('plain')] })
    const all = await analytics.getAllFlags('u1')
    expect(Object.getPrototypeOf(all)).toBe(Object.prototype)
    expect(Object.keys(all).sort()).toEqual(['__proto__', 'constructor', 'plain'])
    const both = await analytics.getAllFlagsAndPayloads('u1')
    expect(Object.getPrototypeOf(both.featureFlags)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(both.featureFlagPayloads)).toBe(Object.prototype)
    expect(Object.keys(both.featureFlagPayloads).sort()).toEqual(['__proto__', 'constructor', 'plain'])
    expect(Object.getOwnPropertyDescriptor(both.featureFlagPayloads, '__proto__')?.value).toEqual({ p: 1 })
  })
})
