import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSink } from './start-sink.js'
import type { FlagDefinitionsPayload, RemoteFlagsRequest } from './flag-types.js'
import { post, useSink } from './test-utils.js'
import type { Sink } from './types.js'

const DEFINITIONS: FlagDefinitionsPayload = {
  flags: [
    {
      id: 1,
      key: 'on',
      active: true,
      version: 3,
      filters: { groups: [{ properties: [], rollout_percentage: 100 }], payloads: { true: '{"color":"blue"}' } },
    },
    { id: 2, key: 'half', active: true, filters: { groups: [{ properties: [], rollout_percentage: 50 }] } },
    { id: 3, key: 'off', active: false, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
    {
      id: 4,
      key: 'targeted',
      active: true,
      filters: { groups: [{ properties: [{ key: 'plan', value: 'pro', operator: 'exact', type: 'person' }], rollout_percentage: 100 }] },
    },
    {
      id: 5,
      key: 'variant',
      active: true,
      filters: {
        groups: [{ properties: [], rollout_percentage: null, variant: 'blue' }],
        multivariate: {
          variants: [
            { key: 'red', rollout_percentage: 50 },
            { key: 'blue', rollout_percentage: 50 },
          ],
        },
        payloads: { blue: { shade: 'navy' } },
      },
    },
    { id: 6, key: 'gone', active: true, deleted: true, filters: { groups: [{ rollout_percentage: 100 }] } },
  ],
  group_type_mapping: { '0': 'company' },
  cohorts: {},
}

const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` })

describe('flag definitions endpoint', () => {
  const sink = useSink({ keys: { posthog: ['phc_project'] }, flags: { definitions: DEFINITIONS, personalApiKeys: ['phx_personal'] } })
  beforeEach(() => {
    sink.reset()
    sink.setFlagDefinitions(DEFINITIONS)
  })

  const get = (path: string, headers: Record<string, string> = bearer('phx_personal')): Promise<Response> =>
    fetch(`${sink.url}${path}`, { headers })

  it('serves the definitions with an ETag, on every path', async () => {
    for (const path of [
      '/posthog/flags/definitions',
      '/flags/definitions/',
      '/posthog/api/feature_flag/local_evaluation/',
      '/api/feature_flag/local_evaluation',
    ]) {
      const res = await get(`${path}?token=phc_project&send_cohorts`)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/)
      expect(await res.json()).toEqual(DEFINITIONS)
    }
  })

  it('answers 304 without a body when If-None-Match is the current ETag; setFlagDefinitions changes it', async () => {
    const first = await get('/posthog/flags/definitions?token=phc_project')
    const etag = first.headers.get('etag') as string
    const again = await get('/posthog/flags/definitions?token=phc_project', { ...bearer('phx_personal'), 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    const stale = await get('/posthog/flags/definitions?token=phc_project', { ...bearer('phx_personal'), 'if-none-match': '"other"' })
    expect(stale.status).toBe(200)

    const changed: FlagDefinitionsPayload = { flags: [{ key: 'new', active: true }], group_type_mapping: {}, cohorts: {} }
    sink.setFlagDefinitions(changed)
    const after = await get('/posthog/flags/definitions?token=phc_project', { ...bearer('phx_personal'), 'if-none-match': etag })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(etag)
    expect(await after.json()).toEqual(changed)
    expect(() => sink.setFlagDefinitions({ flags: [{}] } as never)).toThrow(TypeError)
  })

  it.each([
    ['no Authorization', {}],
    ['a Basic Authorization', { authorization: 'Basic cGh4X3BlcnNvbmFsOg==' }],
    ['an unknown personal key', bearer('phx_other')],
  ])('answers 401 for %s', async (_label, headers) => {
    const res = await get('/posthog/flags/definitions?token=phc_project', headers)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ type: 'authentication_error' })
  })

  it('checks the project token when keys.posthog is configured', async () => {
    expect((await get('/posthog/flags/definitions?token=phc_wrong')).status).toBe(401)
    expect((await get('/posthog/flags/definitions')).status).toBe(401)
  })

  it('records flag requests (kind flags, masked) but no messages and no stats', async () => {
    await get('/posthog/flags/definitions?token=phc_project&send_cohorts')
    const [request] = sink.requests()
    expect(request).toMatchObject({
      vendor: 'posthog',
      kind: 'flags',
      method: 'GET',
      path: '/posthog/flags/definitions',
      status: 200,
      messageCount: 0,
    })
    expect(request?.headers.authorization).toBe('Bearer ****')
    expect(sink.requests({ kind: 'ingest' })).toEqual([])
    expect(sink.requests({ kind: 'flags', vendor: 'posthog' })).toHaveLength(1)
    expect(sink.messages()).toEqual([])
    expect(sink.stats().total.requests).toBe(0)
    const viaHttp = (await (await fetch(`${sink.url}/_sink/requests?kind=flags`)).json()) as { total: number }
    expect(viaHttp.total).toBe(1)
  })

  it('applies fault steps: posthog-flags only to flag routes, posthog and * to both', async () => {
    sink.inject('posthog-flags', { status: 429, retryAfter: 3 })
    const capture = await post(`${sink.urlFor('posthog')}/batch/`, { api_key: 'phc_project', batch: [{ event: 'e', distinct_id: 'u' }] })
    expect(capture.status).toBe(200)
    const limited = await get('/posthog/flags/definitions?token=phc_project')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect((await get('/posthog/flags/definitions?token=phc_project')).status).toBe(200)

    sink.inject('posthog', { status: 503 })
    expect((await get('/posthog/flags/definitions?token=phc_project')).status).toBe(503)
    sink.inject('*', { drop: true })
    await expect(get('/posthog/flags/definitions?token=phc_project')).rejects.toThrow()
    sink.inject('posthog-flags', { delayMs: 100, then: { status: 402 } })
    const started = Date.now()
    expect((await post(`${sink.url}/flags/?v=2`, { token: 'phc_project', distinct_id: 'u' })).status).toBe(402)
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
    expect(sink.requests({ kind: 'flags' }).map((r) => r.status)).toEqual([429, 200, 503, 0, 402])
  })

  it('accepts posthog-flags through the control API', async () => {
    const res = await post(`${sink.url}/_sink/faults`, { vendor: 'posthog-flags', steps: [{ status: 500 }] })
    expect(res.status).toBe(200)
    expect((await get('/posthog/flags/definitions?token=phc_project')).status).toBe(500)
  })
})

describe('remote flags endpoint', () => {
  let sink: Sink
  let seen: RemoteFlagsRequest[] = []
  let custom: Sink
  beforeAll(async () => {
    sink = await startSink({ flags: { definitions: DEFINITIONS } })
    custom = await startSink({
      flags: {
        evaluate: async (request) => {
          seen.push(request)
          return {
            flags: {
              mine: {
                key: 'mine',
                enabled: true,
                variant: 'x',
                reason: { code: 'custom' },
                metadata: { id: 9, version: 1, payload: null },
              },
            },
            errorsWhileComputingFlags: false,
            requestId: 'r-1',
          }
        },
      },
    })
  })
  afterAll(async () => {
    await sink.close()
    await custom.close()
  })
  beforeEach(() => {
    sink.reset()
    seen = []
  })

  const body = {
    token: 'phc_any',
    distinct_id: 'user-1',
    groups: {},
    person_properties: { plan: 'pro' },
    group_properties: {},
    geoip_disable: true,
  }

  it('answers the v2 shape from the built-in rule', async () => {
    const res = await post(`${sink.urlFor('posthog')}/flags/?v=2`, body)
    expect(res.status).toBe(200)
    const answer = (await res.json()) as { flags: Record<string, unknown>; errorsWhileComputingFlags: boolean; requestId: string }
    expect(answer.errorsWhileComputingFlags).toBe(false)
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Object.keys(answer.flags).sort()).toEqual(['half', 'off', 'on', 'targeted', 'variant'])
    expect(answer.flags.on).toEqual({
      key: 'on',
      enabled: true,
      variant: null,
      reason: { code: 'condition_match', description: 'Matched condition set 1', condition_index: 0 },
      metadata: { id: 1, version: 3, payload: '{"color":"blue"}' },
    })
    expect(answer.flags.variant).toMatchObject({ enabled: true, variant: 'blue', metadata: { id: 5, payload: '{"shade":"navy"}' } })
    for (const key of ['half', 'off', 'targeted']) expect(answer.flags[key], key).toMatchObject({ key, enabled: false, variant: null })
    expect(answer.flags.off).toMatchObject({ reason: { code: 'disabled' } })
  })

  it('honours flag_keys_to_evaluate, /flags without slash, /decide and gzip bodies', async () => {
    const res = await post(`${sink.url}/flags?v=2`, { ...body, flag_keys_to_evaluate: ['on', 'missing'] }, { gzip: true })
    expect(Object.keys(((await res.json()) as { flags: object }).flags)).toEqual(['on'])
    const decide = await post(`${sink.url}/posthog/decide/?v=4`, { api_key: 'phc_any', distinct_id: 7 })
    expect(decide.status).toBe(200)
    expect(((await decide.json()) as { flags: Record<string, { enabled: boolean }> }).flags.on?.enabled).toBe(true)
  })

  it.each([
    ['no token', { distinct_id: 'u' }, 401, 'authentication_error'],
    ['an empty token', { token: '', distinct_id: 'u' }, 401, 'authentication_error'],
    ['no distinct_id', { token: 'phc' }, 400, 'validation_error'],
    ['bad person_properties', { token: 'phc', distinct_id: 'u', person_properties: 'x' }, 400, 'validation_error'],
  ])('answers %s with %i', async (_label, payload, status, type) => {
    const res = await post(`${sink.url}/posthog/flags/?v=2`, payload)
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject({ type })
  })

  it('answers 405 for GET /flags and 400 for invalid JSON', async () => {
    expect((await fetch(`${sink.url}/posthog/flags/`)).status).toBe(405)
    expect((await post(`${sink.url}/posthog/flags/?v=2`, '{nope')).status).toBe(400)
  })

  it('records the request with the token masked, and no messages', async () => {
    await post(`${sink.url}/posthog/flags/?v=2`, body, { headers: { authorization: 'Bearer phc_secret' } })
    const [request] = sink.requests({ vendor: 'posthog' })
    expect(request).toMatchObject({ kind: 'flags', method: 'POST', path: '/posthog/flags/', status: 200 })
    expect(request?.body).toMatchObject({ token: '****', distinct_id: 'user-1', person_properties: { plan: 'pro' } })
    expect(request?.headers.authorization).toBe('Bearer ****')
    expect(JSON.stringify(request)).not.toContain('phc_any')
    expect(sink.messages()).toEqual([])
  })

  it('answers what evaluate returns and passes it the parsed request', async () => {
    const res = await post(`${custom.url}/posthog/flags/?v=2`, { ...body, flag_keys_to_evaluate: ['mine'] })
    expect(await res.json()).toMatchObject({ flags: { mine: { enabled: true, variant: 'x' } }, requestId: 'r-1' })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({
      token: 'phc_any',
      distinct_id: 'user-1',
      person_properties: { plan: 'pro' },
      geoip_disable: true,
      flag_keys_to_evaluate: ['mine'],
    })
  })

  it('answers 500 when evaluate throws', async () => {
    const failing = await startSink({
      flags: {
        evaluate: () => {
          throw new Error('boom')
        },
      },
    })
    try {
      const res = await post(`${failing.url}/flags/?v=2`, body)
      expect(res.status).toBe(500)
      expect(await res.json()).toMatchObject({ code: 'evaluate_failed', detail: 'boom' })
    } finally {
      await failing.close()
    }
  })

  it('accepts any non-empty bearer key when personalApiKeys is not configured, and serves empty definitions by default', async () => {
    const res = await fetch(`${custom.url}/flags/definitions?token=x`, { headers: bearer('anything') })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ flags: [], group_type_mapping: {}, cohorts: {} })
    expect((await fetch(`${custom.url}/flags/definitions?token=x`, { headers: { authorization: 'Bearer ' } })).status).toBe(401)
  })
})
