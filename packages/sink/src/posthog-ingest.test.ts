import { describe, expect, it } from 'vitest'
import { post, posthogItem, useSink } from './test-utils.js'

describe('PostHog capture', () => {
  const sink = useSink({ keys: { posthog: ['phc_good'] } }, { reset: true })

  it('records a batch with event names mapped back to Segment types', async () => {
    const events = ['$identify', '$create_alias', '$groupidentify', '$pageview', '$screen', 'Signed Up']
    const batch = events.map((event) => posthogItem({ event }))
    const res = await post(`${sink.urlFor('posthog')}/batch/`, { api_key: 'phc_good', batch, sent_at: 'x' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 1 })
    const messages = sink.messages({ vendor: 'posthog' })
    expect(messages.map((m) => m.type)).toEqual(['identify', 'alias', 'group', 'page', 'screen', 'track'])
    expect(messages[0]).toMatchObject({ vendor: 'posthog', id: batch[0]?.uuid, userId: 'user-1', payload: batch[0] })
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6])
    const [request] = sink.requests()
    expect(request?.body).toEqual({ api_key: '****', sent_at: 'x' })
    expect(request?.messageCount).toBe(6)
  })

  it('serves every capture path, prefixed and unprefixed, with and without trailing slash', async () => {
    const paths = ['/posthog/batch/', '/posthog/batch', '/posthog/capture/', '/posthog/i/v0/e/', '/batch/', '/batch', '/capture', '/i/v0/e']
    for (const path of paths) {
      const res = await post(`${sink.url}${path}`, { api_key: 'phc_good', batch: [posthogItem()] })
      expect(res.status, path).toBe(200)
    }
    expect(sink.stats().byVendor.posthog?.accepted).toBe(paths.length)
  })

  it('records gzip bodies and counts them', async () => {
    const res = await post(`${sink.url}/batch/`, { api_key: 'phc_good', batch: [posthogItem(), posthogItem()] }, { gzip: true })
    expect(res.status).toBe(200)
    const stats = sink.stats().byVendor.posthog
    expect(stats?.gzipRequests).toBe(1)
    expect(stats?.accepted).toBe(2)
    expect(sink.requests()[0]?.gzip).toBe(true)
  })

  it('stringifies numeric distinct ids as userId', async () => {
    await post(`${sink.url}/batch/`, { api_key: 'phc_good', batch: [posthogItem({ distinct_id: 42 })] })
    expect(sink.messages({ userId: '42' })).toHaveLength(1)
  })

  it.each([
    ['missing', {}],
    ['wrong', { api_key: 'phc_bad' }],
    ['empty', { api_key: '' }],
  ])('answers 401 for a %s api_key without echoing it', async (_label, keyPart) => {
    const res = await post(`${sink.url}/batch/`, { ...keyPart, batch: [posthogItem()] })
    expect(res.status).toBe(401)
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' })
    expect(text).not.toContain('phc_bad')
    expect(sink.messages()).toHaveLength(0)
  })

  it.each([
    ['event missing', { event: undefined }, 'event'],
    ['event empty', { event: '' }, 'event'],
    ['distinct_id missing', { distinct_id: undefined }, 'distinct_id'],
    ['distinct_id an object', { distinct_id: { a: 1 } }, 'distinct_id'],
  ])('answers 400 naming index and field when %s', async (_label, override, field) => {
    const batch = [posthogItem(), posthogItem(override)]
    const res = await post(`${sink.url}/batch/`, { api_key: 'phc_good', batch })
    expect(res.status).toBe(400)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ index: 1, field })
    expect(String(body.detail)).toContain('batch[1]')
    expect(sink.messages()).toHaveLength(0)
  })

  it('answers 400 for malformed bodies', async () => {
    for (const body of ['{not json', '[]', JSON.stringify({ api_key: 'phc_good', batch: 'x' })]) {
      const res = await post(`${sink.url}/batch/`, body)
      expect(res.status, body).toBe(400)
    }
  })
})
