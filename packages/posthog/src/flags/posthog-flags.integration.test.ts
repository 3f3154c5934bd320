import { Analytics } from '@polytrack/core'
import type { RemoteFlagsRequest, RemoteFlagsResponse, Sink } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { posthog } from '../index.js'
import { API_KEY, DEFINITIONS, flagClients, PERSONAL, segmentLike, startFlagSink } from './flag-fixtures.test-helpers.js'

let sink: Sink
let remoteBodies: Record<string, unknown>[]
let remoteAnswer: (request: RemoteFlagsRequest) => RemoteFlagsResponse
const { client, closeAll } = flagClients(() => sink, { flushIntervalMs: 20 })

/** Answers every requested (or every known) flag as enabled, with a payload for plan-pro. */
function defaultRemote(request: RemoteFlagsRequest): RemoteFlagsResponse {
  const keys = request.flag_keys_to_evaluate ?? DEFINITIONS.flags.map((flag) => flag.key)
  const flags: RemoteFlagsResponse['flags'] = {}
  for (const key of keys) {
    flags[key] = {
      key,
      enabled: true,
      variant: null,
      reason: { code: 'condition_match', description: 'Matched condition set 1' },
      metadata: { id: 42, version: 7, payload: key === 'plan-pro' ? '{"tier":"gold"}' : null },
    }
  }
  return { flags, errorsWhileComputingFlags: false, requestId: 'req-1' }
}

beforeAll(async () => {
  sink = await startFlagSink((request) => {
    remoteBodies.push(request.body)
    return remoteAnswer(request)
  })
})
afterAll(async () => {
  await sink.close()
})
beforeEach(() => {
  sink.reset()
  sink.setFlagDefinitions(DEFINITIONS)
  remoteBodies = []
  remoteAnswer = defaultRemote
})
afterEach(async () => {
  await closeAll()
})

const flagRequests = (method?: 'GET' | 'POST') =>
  sink.requests({ vendor: 'posthog', kind: 'flags' }).filter((r) => method === undefined || r.method === method)

describe('local evaluation from polled definitions', () => {
  it('loads definitions on attach with Bearer auth and evaluates locally without asking the server', async () => {
    const { analytics, errors } = client()
    const result = await analytics.getFeatureFlagResult('simple-on', 'user-1')
    expect(result).toMatchObject({
      value: true,
      payload: { color: 'blue' },
      source: 'local',
      reason: { kind: 'condition-match', conditionIndex: 0 },
      metadata: { id: 1, version: 3 },
    })
    expect(await analytics.getFeatureFlag('checkout', 'user-1')).toBe('treatment')
    expect(await analytics.getFeatureFlagPayload('checkout', 'user-1')).toEqual({ steps: 2 })
    expect(await analytics.getFeatureFlag('plan-pro', 'user-1', { personProperties: { plan: 'free' } })).toBe(false)
    const gets = flagRequests('GET')
    expect(gets).toHaveLength(1)
    expect(gets[0]).toMatchObject({ path: '/posthog/flags/definitions', status: 200 })
    expect(gets[0]?.headers.authorization).toMatch(/^Bearer /)
    expect(gets[0]?.headers['user-agent']).toMatch(/^polytrack-node\//)
    expect(flagRequests('POST')).toHaveLength(0)
    expect(errors).toEqual([])
  })

  it('sends If-None-Match once an ETag is known and keeps the definitions on 304', async () => {
    const { analytics } = client()
    expect(await analytics.getFeatureFlag('simple-on', 'u')).toBe(true)
    await analytics.reloadFeatureFlags()
    const gets = flagRequests('GET')
    expect(gets.map((r) => r.status)).toEqual([200, 304])
    expect(gets[0]?.headers['if-none-match']).toBeUndefined()
    expect(gets[1]?.headers['if-none-match']).toMatch(/^"[0-9a-f]{40}"$/)
    expect(await analytics.getFeatureFlag('simple-on', 'u', { onlyEvaluateLocally: true })).toBe(true)
  })

  it('picks up changed definitions on reload and on the next poll', async () => {
    const { analytics } = client()
    expect(await analytics.getFeatureFlag('simple-on', 'u')).toBe(true)
    sink.setFlagDefinitions({ ...DEFINITIONS, flags: DEFINITIONS.flags.map((f) => (f.key === 'simple-on' ? { ...f, active: false } : f)) })
    await analytics.reloadFeatureFlags()
    expect(await analytics.getFeatureFlag('simple-on', 'u')).toBe(false)

    const polled = client({ featureFlagsPollingIntervalMs: 100 }).analytics
    expect(await polled.getFeatureFlag('simple-on', 'u')).toBe(false)
    sink.setFlagDefinitions(DEFINITIONS)
    await vi.waitFor(async () => expect(await polled.getFeatureFlag('simple-on', 'u', { onlyEvaluateLocally: true })).toBe(true), {
      timeout: 3_000,
      interval: 50,
    })
  })
})

describe('definitions errors', () => {
  it('backs off on 401 and reports one error without the keys', async () => {
    const { analytics, errors } = client({ personalApiKey: 'phx_wrong_key_0000', featureFlagsPollingIntervalMs: 100 })
    expect(await analytics.getFeatureFlag('simple-on', 'u', { onlyEvaluateLocally: true })).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 1_300))
    // Without back-off: ~13 polls in 1.3 s; with it (200, 400, 800 ms…): 3 or 4.
    const gets = flagRequests('GET')
    expect(gets.every((r) => r.status === 401)).toBe(true)
    expect(gets.length).toBeGreaterThanOrEqual(2)
    expect(gets.length).toBeLessThanOrEqual(4)
    const unauthorized = errors.filter((e) => e.error.code === 'flags_unauthorized')
    expect(unauthorized).toHaveLength(1)
    expect(unauthorized[0]?.error).toMatchObject({ name: 'FlagRequestError', status: 401, endpoint: 'definitions' })
    for (const { error } of errors) {
      expect(error.message).not.toContain('phx_wrong_key_0000')
      expect(error.message).not.toContain(API_KEY)
    }
  })

  it('clears the definitions on 402 (quota) and reports it', async () => {
    const { analytics, errors } = client()
    expect(await analytics.getFeatureFlag('simple-on', 'u')).toBe(true)
    sink.inject('posthog-flags', { status: 402 })
    await analytics.reloadFeatureFlags()
    expect(await analytics.getFeatureFlag('simple-on', 'u', { onlyEvaluateLocally: true })).toBeUndefined()
    expect(await analytics.getAllFlags('u', { onlyEvaluateLocally: true })).toEqual({})
    expect(errors.map((e) => e.error.code)).toEqual(['flags_quota_limited'])
  })

  it('keeps the definitions on 5xx and network failures', async () => {
    const { analytics, errors } = client()
    expect(await analytics.getFeatureFlag('simple-on', 'u')).toBe(true)
    sink.inject('posthog-flags', { status: 503 }, { drop: true })
    await analytics.reloadFeatureFlags()
    await analytics.reloadFeatureFlags()
    expect(await analytics.getFeatureFlag('simple-on', 'u', { onlyEvaluateLocally: true })).toBe(true)
    expect(errors.map((e) => e.error.code)).toEqual(['flags_definitions_failed'])
  })
})

describe('remote fallback', () => {
  it('asks POST /flags/?v=2 for an inconclusive flag with the posthog-node body', async () => {
    const { analytics, errors } = client()
    const result = await analytics.getFeatureFlagResult('plan-pro', 'user-7', {
      groups: { company: 'acme' },
      groupProperties: { company: { size: 10 } },
    })
    expect(result).toEqual({ value: true, payload: { tier: 'gold' }, source: 'remote', metadata: { id: 42, version: 7 } })
    expect(remoteBodies).toEqual([
      {
        token: API_KEY,
        distinct_id: 'user-7',
        groups: { company: 'acme' },
        person_properties: {},
        group_properties: { company: { $group_key: 'acme', size: 10 } },
        geoip_disable: true,
        flag_keys_to_evaluate: ['plan-pro'],
        evaluation_runtime: 'server',
      },
    ])
    expect(flagRequests('POST')[0]).toMatchObject({ path: '/posthog/flags/', status: 200 })
    expect(await analytics.getFeatureFlag('beta-cohort', 'user-7')).toBe(true) // static cohort: server only
    expect(await analytics.getFeatureFlag('not-defined', 'user-7')).toBe(true) // unknown locally: the server decides
    expect(errors).toEqual([])
  })

  it('answers undefined without a request when onlyEvaluateLocally', async () => {
    const { analytics } = client()
    const result = await analytics.getFeatureFlagResult('plan-pro', 'u', { onlyEvaluateLocally: true })
    expect(result).toMatchObject({ value: undefined, source: 'none', reason: { kind: 'inconclusive', because: 'missing-context' } })
    expect(flagRequests('POST')).toHaveLength(0)
    const strict = client({ strictLocalEvaluation: true }).analytics
    expect(await strict.getFeatureFlag('beta-cohort', 'u')).toBeUndefined()
    expect(flagRequests('POST')).toHaveLength(0)
  })

  it('getAllFlags evaluates locally and asks the server once for the rest', async () => {
    const { analytics } = client()
    const all = await analytics.getAllFlagsAndPayloads('u', { personProperties: { plan: 'free' } })
    expect(all.featureFlags).toEqual({ 'simple-on': true, 'plan-pro': false, checkout: 'treatment', 'beta-cohort': true })
    expect(all.featureFlagPayloads).toEqual({ 'simple-on': { color: 'blue' }, checkout: { steps: 2 } })
    expect(remoteBodies).toHaveLength(1)
    expect(remoteBodies[0]?.flag_keys_to_evaluate).toEqual(['beta-cohort'])
    remoteBodies = []
    await analytics.getAllFlags('u', { personProperties: { plan: 'pro' }, onlyEvaluateLocally: true })
    expect(remoteBodies).toHaveLength(0)
  })

  it('turns remote failures into undefined values and error events, never rejections', async () => {
    const { analytics, errors } = client({ featureFlagsRequestTimeoutMs: 300 })
    await analytics.getFeatureFlag('simple-on', 'u') // definitions loaded
    sink.inject('posthog-flags', { status: 500 })
    expect(await analytics.getFeatureFlag('plan-pro', 'u')).toBeUndefined()
    sink.inject('posthog-flags', { delayMs: 2_000 })
    const started = Date.now()
    expect(await analytics.getFeatureFlag('plan-pro', 'u')).toBeUndefined()
    expect(Date.now() - started).toBeLessThan(1_500)
    sink.inject('posthog-flags', { drop: true }, { drop: true })
    expect(await analytics.getAllFlags('u')).toEqual({ 'simple-on': true, checkout: 'treatment' })
    expect(errors.map((e) => [e.error.code, (e.error as { status?: number }).status])).toEqual([
      ['flags_remote_failed', 500],
      ['flags_remote_failed', undefined],
      ['flags_remote_failed', undefined],
    ])
    expect(errors[1]?.error.message).toMatch(/no answer within 300 ms/)
  })

  it('retries a dropped connection once, as posthog-node does', async () => {
    const { analytics, errors } = client({ personalApiKey: undefined })
    sink.inject('posthog-flags', { drop: true })
    expect(await analytics.getFeatureFlag('plan-pro', 'u')).toBe(true)
    expect(errors).toEqual([])
  })
})

describe('remote-only mode (no personalApiKey)', () => {
  it('asks /flags for every call and never polls definitions', async () => {
    const { analytics } = client({ personalApiKey: undefined })
    expect(await analytics.getFeatureFlag('simple-on', 'u')).toBe(true)
    expect(await analytics.getAllFlags('u')).toEqual({ 'simple-on': true, 'plan-pro': true, checkout: true, 'beta-cohort': true })
    expect(flagRequests('GET')).toHaveLength(0)
    expect(remoteBodies.map((b) => b.flag_keys_to_evaluate)).toEqual([['simple-on'], undefined])
  })

  it('reads the older v1 answer shape', async () => {
    remoteAnswer = () =>
      ({
        featureFlags: { checkout: 'control', off: false },
        featureFlagPayloads: { checkout: '{"a":1}', off: '"x"' },
      }) as unknown as RemoteFlagsResponse
    const { analytics } = client({ personalApiKey: undefined })
    expect(await analytics.getFeatureFlagResult('checkout', 'u')).toEqual({ value: 'control', payload: { a: 1 }, source: 'remote' })
    expect(await analytics.getAllFlagsAndPayloads('u')).toEqual({
      featureFlags: { checkout: 'control', off: false },
      featureFlagPayloads: { checkout: { a: 1 } },
    })
  })
})

describe('$feature_flag_called', () => {
  it('is sent once per (flag, person, value), only to PostHog in a multiplex', async () => {
    const analytics = new Analytics({
      destination: {
        kind: 'set',
        members: [
          { name: 'ph', destination: posthog({ apiKey: API_KEY, host: sink.urlFor('posthog'), personalApiKey: PERSONAL }), middleware: [] },
          { name: 'seg', destination: segmentLike(sink.urlFor('segment')), middleware: [] },
        ],
      },
      flushIntervalMs: 20,
    })
    await analytics.getFeatureFlag('simple-on', 'p1')
    await analytics.getFeatureFlag('simple-on', 'p1')
    await analytics.isFeatureEnabled('simple-on', 'p1')
    await analytics.getFeatureFlag('simple-on', 'p2')
    await analytics.getFeatureFlag('plan-pro', 'p1', { personProperties: { plan: 'free' } })
    await analytics.getFeatureFlag('plan-pro', 'p1', { personProperties: { plan: 'pro' } }) // new value → new event
    await analytics.getFeatureFlag('beta-cohort', 'p1', { groups: { company: 'acme' } }) // remote
    await analytics.getAllFlags('p3') // never sends events (as posthog-node)
    await analytics.getFeatureFlagPayload('simple-on', 'p4') // nor does a payload read (as posthog-node)
    analytics.track({ userId: 'p1', event: 'Both' })
    await analytics.close()
    const events = sink.messages({ vendor: 'posthog' }).filter((m) => (m.payload as { event: string }).event === '$feature_flag_called')
    const summary = events.map((m) => {
      const p = (m.payload as { properties: Record<string, unknown> }).properties
      return `${m.userId} ${String(p.$feature_flag)}=${String(p.$feature_flag_response)}`
    })
    expect(summary.sort()).toEqual([
      'p1 beta-cohort=true',
      'p1 plan-pro=false',
      'p1 plan-pro=true',
      'p1 simple-on=true',
      'p2 simple-on=true',
    ])
    const local = events.find((m) => m.userId === 'p2')?.payload as { properties: Record<string, unknown> }
    expect(local.properties).toMatchObject({
      $feature_flag: 'simple-on',
      $feature_flag_response: true,
      '$feature/simple-on': true,
      locally_evaluated: true,
      $feature_flag_id: 1,
      $feature_flag_reason: 'Evaluated locally',
      $feature_flag_evaluated_at: expect.any(Number),
      $feature_flag_definitions_loaded_at: expect.any(Number),
      $lib: expect.any(String),
    })
    const remote = events.find((m) => (m.payload as { properties: Record<string, unknown> }).properties.$feature_flag === 'beta-cohort')
      ?.payload as { properties: Record<string, unknown> }
    expect(remote.properties).toMatchObject({
      locally_evaluated: false,
      $feature_flag_id: 42,
      $feature_flag_version: 7,
      $feature_flag_reason: 'Matched condition set 1',
      $feature_flag_request_id: 'req-1',
      $groups: { company: 'acme' },
    })
    const segment = sink.messages({ vendor: 'segment' })
    expect(segment.map((m) => (m.payload as { event?: string }).event)).toEqual(['Both'])
  })

  it('is not sent when sendFeatureFlagEvent is false', async () => {
    const { analytics } = client({ sendFeatureFlagEvent: false })
    await analytics.getFeatureFlag('simple-on', 'p1')
    await analytics.getFeatureFlag('plan-pro', 'p1')
    await analytics.close()
    expect(sink.messages({ vendor: 'posthog' })).toHaveLength(0)
  })
})

describe('flag keys that are Object.prototype names', () => {
  it('are own keys of getAllFlags, locally evaluated or answered by the server', async () => {
    const flag = (key: string) => ({ id: 1, key, active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } })
    sink.setFlagDefinitions(JSON.parse(JSON.stringify({ flags: [flag('proto-name'), flag('plain')] }).replace('proto-name', '__proto__')))
    const { analytics } = client()
    const local = await analytics.getAllFlags('user-1')
    expect(Object.getPrototypeOf(local)).toBe(Object.prototype)
    expect(Object.keys(local).sort()).toEqual(['__proto__', 'plain'])
  })
})
