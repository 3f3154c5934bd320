import { describe, expect, it } from 'vitest'
import { parseRemoteFlags, remoteRequestBody } from './remote-flags.js'

describe('remoteRequestBody', () => {
  it('builds posthog-node’s /flags body: $group_key added, person properties as given, runtime server', () => {
    const body = remoteRequestBody(
      {
        distinctId: 'u1',
        personProperties: { plan: 'pro', $device_id: 'd1' },
        groups: { company: 'acme', team: 't' },
        groupProperties: { company: { size: 3 } },
      },
      { apiKey: 'phc_x', disableGeoip: true },
      ['a', 'b'],
    )
    expect(body).toEqual({
      token: 'phc_x',
      distinct_id: 'u1',
      groups: { company: 'acme', team: 't' },
      person_properties: { plan: 'pro', $device_id: 'd1' },
      group_properties: { company: { $group_key: 'acme', size: 3 }, team: { $group_key: 't' } },
      geoip_disable: true,
      flag_keys_to_evaluate: ['a', 'b'],
      $device_id: 'd1',
      evaluation_runtime: 'server',
    })
  })

  it('leaves flag_keys_to_evaluate out when asking for every flag', () => {
    const body = remoteRequestBody({ distinctId: 'u1' }, { apiKey: 'k', disableGeoip: false })
    expect(body).toEqual({
      token: 'k',
      distinct_id: 'u1',
      groups: {},
      person_properties: {},
      group_properties: {},
      geoip_disable: false,
      evaluation_runtime: 'server',
    })
  })
})

describe('parseRemoteFlags', () => {
  it('reads the v2 shape: value = variant ?? enabled, payload only for an enabled flag, metadata and reason', () => {
    const parsed = parseRemoteFlags({
      flags: {
        on: {
          key: 'on',
          enabled: true,
          variant: null,
          reason: { code: 'condition_match', description: 'Matched' },
          metadata: { id: 1, version: 2, payload: '{"a":1}' },
        },
        variant: {
          key: 'variant',
          enabled: true,
          variant: 'blue',
          reason: { code: 'condition_match' },
          metadata: { id: 3, payload: 'not json' },
        },
        off: { key: 'off', enabled: false, variant: null, metadata: { id: 4, payload: '"x"' } },
        junk: 5,
      },
      errorsWhileComputingFlags: true,
      requestId: 'r1',
      evaluatedAt: 1700000000000,
    })
    expect(parsed).toEqual({
      flags: {
        on: { value: true, payload: { a: 1 }, id: 1, version: 2, reason: 'Matched' },
        variant: { value: 'blue', payload: 'not json', id: 3, reason: 'condition_match' },
        off: { value: false, id: 4 },
      },
      errors: ['errors_while_computing_flags'],
      requestId: 'r1',
      evaluatedAt: 1700000000000,
    })
  })

  it('reads the older v1 shape {featureFlags, featureFlagPayloads}', () => {
    expect(parseRemoteFlags({ featureFlags: { a: true, b: 'v', c: false, d: 3 }, featureFlagPayloads: { a: '[1]', c: '"x"' } })).toEqual({
      flags: { a: { value: true, payload: [1] }, b: { value: 'v' }, c: { value: false } },
      errors: [],
    })
  })

  it('drops every flag when the quota is exceeded', () => {
    expect(parseRemoteFlags({ flags: { a: { enabled: true } }, quotaLimited: ['feature_flags'] })).toEqual({
      flags: {},
      errors: ['quota_limited'],
    })
  })

  it('refuses anything else', () => {
    expect(parseRemoteFlags(null)).toBeUndefined()
    expect(parseRemoteFlags([])).toBeUndefined()
    expect(parseRemoteFlags({ status: 1 })).toBeUndefined()
  })
})

describe('flag keys that are Object.prototype names', () => {
  it('stay own keys of the parsed answer (a hostile server cannot set its prototype)', () => {
    const detail = { enabled: true, variant: null, metadata: { id: 1, version: 1, payload: null } }
    const v2 = parseRemoteFlags(JSON.parse(JSON.stringify({ flags: { plain: detail } }).replace('"plain"', '"__proto__"')))
    expect(Object.getPrototypeOf(v2?.flags)).toBe(Object.prototype)
    expect(Object.keys(v2?.flags ?? {})).toEqual(['__proto__'])
    const v1 = parseRemoteFlags(JSON.parse('{"featureFlags":{"__proto__":true,"constructor":"b"}}'))
    expect(Object.getPrototypeOf(v1?.flags)).toBe(Object.prototype)
    expect(Object.keys(v1?.flags ?? {})).toEqual(['__proto__', 'constructor'])
  })

  it('never takes an inherited payload (a v1 answer naming a flag __proto__ or constructor)', () => {
    const v1 = parseRemoteFlags(JSON.parse('{"featureFlags":{"__proto__":true,"constructor":true,"toString":"v"}}'))
    for (const flag of Object.values(v1?.flags ?? {})) expect(flag.payload).toBeUndefined()
  })
})
