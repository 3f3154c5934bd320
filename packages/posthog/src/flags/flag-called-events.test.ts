import { describe, expect, it } from 'vitest'
import { FlagCalledCache, flagCalledProperties } from './flag-called-events.js'

describe('FlagCalledCache', () => {
  it('says "first time" once per (distinct id, flag, value, groups)', () => {
    const cache = new FlagCalledCache(10)
    const call = { key: 'f', distinctId: 'u', value: true, groups: undefined }
    expect(cache.firstTime(call)).toBe(true)
    expect(cache.firstTime(call)).toBe(false)
    expect(cache.firstTime({ ...call, value: false })).toBe(true)
    expect(cache.firstTime({ ...call, distinctId: 'v' })).toBe(true)
    expect(cache.firstTime({ ...call, groups: { b: '2', a: '1' } })).toBe(true)
    expect(cache.firstTime({ ...call, groups: { a: '1', b: '2' } })).toBe(false) // same groups, other order
    expect(cache.firstTime({ ...call, value: undefined })).toBe(true)
  })

  it('evicts the least recently used distinct id beyond its size', () => {
    const cache = new FlagCalledCache(2)
    const at = (distinctId: string) => ({ key: 'f', distinctId, value: true, groups: undefined })
    cache.firstTime(at('a'))
    cache.firstTime(at('b'))
    expect(cache.firstTime(at('a'))).toBe(false) // touches a: b is now the oldest
    expect(cache.firstTime(at('c'))).toBe(true) // evicts b
    expect(cache.size).toBe(2)
    expect(cache.firstTime(at('a'))).toBe(false)
    expect(cache.firstTime(at('b'))).toBe(true) // forgotten, so reported again
  })
})

describe('FlagCalledCache bounds (issue 15, item 10)', () => {
  it('keeps at most 1,000 combinations per distinct id: one id cannot grow it without bound', () => {
    const cache = new FlagCalledCache(10)
    const call = (company: string) => ({ key: 'f', distinctId: 'u', value: true, groups: { company } })
    for (let i = 0; i < 5_000; i++) expect(cache.firstTime(call(`c${i}`))).toBe(true)
    expect(cache.entries).toBeLessThanOrEqual(1_000)
    // The oldest combinations were forgotten (reported again), the newest are still known.
    expect(cache.firstTime(call('c0'))).toBe(true)
    expect(cache.firstTime(call('c4999'))).toBe(false)
  })

  it('keeps at most maxEntries combinations over all ids, forgetting the least recently used ids', () => {
    const cache = new FlagCalledCache(1_000, { maxPerId: 100, maxEntries: 250 })
    const call = (distinctId: string, key: string) => ({ key, distinctId, value: true, groups: undefined })
    for (let id = 0; id < 10; id++) for (let flag = 0; flag < 50; flag++) cache.firstTime(call(`u${id}`, `f${flag}`))
    expect(cache.entries).toBeLessThanOrEqual(250)
    expect(cache.firstTime(call('u9', 'f49'))).toBe(false)
    expect(cache.firstTime(call('u0', 'f0'))).toBe(true)
  })

  it('stores a long combination (huge groups) in bounded space', () => {
    const cache = new FlagCalledCache(10)
    const groups = { company: 'x'.repeat(100_000) }
    expect(cache.firstTime({ key: 'f', distinctId: 'u', value: true, groups })).toBe(true)
    expect(cache.firstTime({ key: 'f', distinctId: 'u', value: true, groups: { company: 'x'.repeat(100_000) } })).toBe(false)
    expect(cache.firstTime({ key: 'f', distinctId: 'u', value: true, groups: { company: `${'x'.repeat(99_999)}y` } })).toBe(true)
    expect(cache.retainedChars).toBeLessThan(1_000)
  })
})

describe('flagCalledProperties', () => {
  it('has posthog-node’s properties and leaves absent ones out', () => {
    expect(
      flagCalledProperties({
        key: 'f',
        distinctId: 'u',
        value: 'v1',
        groups: { company: 'acme' },
        locallyEvaluated: true,
        id: 7,
        reason: 'Evaluated locally',
        evaluatedAt: 5,
      }),
    ).toEqual({
      $feature_flag: 'f',
      $feature_flag_response: 'v1',
      '$feature/f': 'v1',
      locally_evaluated: true,
      $feature_flag_id: 7,
      $feature_flag_reason: 'Evaluated locally',
      $feature_flag_evaluated_at: 5,
      $groups: { company: 'acme' },
    })
    expect(
      flagCalledProperties({ key: 'f', distinctId: 'u', value: undefined, groups: {}, locallyEvaluated: false, error: 'timeout' }),
    ).toEqual({
      $feature_flag: 'f',
      locally_evaluated: false,
      $feature_flag_error: 'timeout',
    })
  })
})
